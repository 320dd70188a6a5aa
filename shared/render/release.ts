// Renders one immutable, deterministic release of an académie: every file
// the public can reach, plus a manifest whose hash names the release. No
// clock and no randomness: the same inputs give byte-identical files and id.
import type { Decision } from '../domain/decision.schema.js';
import { findAcademie } from '../domain/reference/academies.js';
import { LIBELLE_EXAMEN } from '../domain/reference/exams.js';
import type { Groupe } from '../domain/vocabulary.js';
import {
  MANIFEST_PATH,
  manifestBytes,
  releaseId,
  sha256Hex,
  type ReleaseFile,
  type ReleaseManifest,
} from '../site/release-files.js';
import { FORMAT_VERSION, type LookupParams } from './lookup/lookup-crypto.js';
import { serializeEntry, type LookupEntry } from './lookup/lookup-entry.schema.js';
import { entrySealer } from './lookup/lookup-node.js';
import { renderShards, type SealedEntry } from './lookup/lookup-shards.js';
import {
  FILTER_SCRIPT,
  listLinks,
  listPage,
  listsIndexPage,
  type ListAssets,
} from './list-pages.js';
import { landingPage, type PageAssets } from './pages.js';
import { selectPublicResults, type PublicResult } from './release-input.js';
import { loadSiteAssets } from './site-assets.js';
import {
  academieStatistics,
  nationalStatisticsFiles,
  statisticsFilesFor,
  type AcademieStats,
  type PreviousFigures,
} from '../stats/index.js';

export type { ReleaseFile, ReleaseManifest };

export interface Release {
  id: string;
  files: ReleaseFile[];
  manifest: ReleaseManifest;
  /**
   * The académie's figures as published (withheld excluded), kept for other
   * académies' national pages.
   */
  statistics: AcademieStats;
}

export interface RenderInput {
  academie: string;
  session: string;
  groupe: Groupe;
  decisions: readonly Decision[];
  /** Candidate numbers whose result must not appear anywhere (fraud procedure). */
  withheld?: ReadonlySet<string>;
  lookup: {
    /**
     * As params.json gives them; shardChars is taken as given (see
     * chooseShardChars): the layout is the caller's choice.
     */
    params: LookupParams;
    /**
     * Each shown candidate's root (the slow PBKDF2 step, done and cached
     * beforehand: see prepareRoots).
     */
    root: (numero: string) => string;
    /**
     * Entries sealed by an earlier render of the same scope (a takedown's
     * snapshot): used when their text is the one this render seals, so
     * neither root nor sealing is needed for them. Same bytes either way.
     */
    cached?: ReadonlyMap<string, SealedEntry & { text: string }>;
    /** Told each shown candidate's entry as sealed (to keep them for a later takedown). */
    onSealed?: (numero: string, entry: SealedEntry, text: string) => void;
  };
  /** UAI → établissement name. */
  etablissements?: ReadonlyMap<string, string>;
  /** UAI → commune, from the établissements reference: shown beside each name on the lists. */
  communes?: ReadonlyMap<string, string>;
  /** The previous session's figures, for evolutions; none: evolutions shown as unavailable. */
  previous?: PreviousFigures;
  /**
   * Other académies' published figures for the national page: only those
   * already public when this release opens (the caller's duty), so the page
   * never publishes anyone's figures early. None: no national page.
   */
  nationalPeers?: readonly AcademieStats[];
  /**
   * false once the académie's name lists have expired: no list file, and a
   * landing page that links none and says so. Default true.
   */
  lists?: boolean;
  /**
   * The folder holding static-site/ with its built assets (the stylesheet
   * and the lookup script); default: found from this module's folder up
   * (see site-assets.ts).
   */
  siteRoot?: string;
}

const utf8 = new TextEncoder();
const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export async function renderRelease(input: RenderInput): Promise<Release> {
  const academie = findAcademie(input.academie);
  if (!academie) throw new Error(`unknown académie ${JSON.stringify(input.academie)}`);
  const stray = input.decisions.find(
    (d) => d.session !== input.session || d.academie !== input.academie,
  );
  if (stray)
    throw new Error(
      `decision ${stray.numero} belongs to ${stray.academie} ${stray.session}, ` +
        `not ${input.academie} ${input.session}`,
    );
  const slug = academie.slug;
  const results = selectPublicResults(input.decisions, input.groupe, input.withheld);

  const files: ReleaseFile[] = [];
  const add = (path: string, body: string | Uint8Array, contentType: string) => {
    const bytes = typeof body === 'string' ? utf8.encode(body) : body;
    files.push({ path, body: bytes, contentType, sha256: sha256Hex(bytes) });
    return path;
  };

  const { css, lookupScript: js } = await loadSiteAssets(input.siteRoot);
  const assets: PageAssets = {
    stylesheet: add(
      `${slug}/assets/site.${sha256Hex(css).slice(0, 8)}.css`,
      css,
      'text/css; charset=utf-8',
    ),
    lookupScript: add(
      `${slug}/assets/lookup.${sha256Hex(js).slice(0, 8)}.js`,
      js,
      'text/javascript; charset=utf-8',
    ),
  };

  // Lookup: per shown candidate, this scope's keys (HKDF of the cached root) and one seal.
  // A release has a few hundred distinct entry texts: each is checked and serialised once.
  const { params } = input.lookup;
  const seal = entrySealer(params.scope);
  const texts = new Map<string, string>();
  const sealed = results.map((r): SealedEntry => {
    // NUL separates fields (no value holds one); a null série or mention reads \u0001.
    const head = `${r.examen}\0${r.serie ?? '\u0001'}\0${r.groupe}\0${r.decision}`;
    const key = `${head}\0${r.mention ?? '\u0001'}\0${r.resultat}`;
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = serializeEntry(lookupEntry(r))));
    const hit = input.lookup.cached?.get(r.numero);
    const entry =
      hit?.text === text
        ? { id: hit.id, sealed: hit.sealed }
        : seal(input.lookup.root(r.numero), text);
    input.lookup.onSealed?.(r.numero, entry, text);
    return entry;
  });
  for (const [shard, text] of renderShards(sealed, params.shardChars))
    add(`${slug}/resultats/${shard}.json`, text, JSON_TYPE);
  const publicParams: LookupParams = {
    v: FORMAT_VERSION,
    salt: params.salt,
    iterations: params.iterations,
    shardChars: params.shardChars,
    scope: params.scope,
  };
  add(`${slug}/resultats/params.json`, JSON.stringify(publicParams), JSON_TYPE);

  // Statistics: computed from the same decisions with the same withholding,
  // so no figure depends on a withheld result.
  const statistics = academieStatistics({
    academie: slug,
    session: input.session,
    groupe: input.groupe,
    decisions: input.decisions,
    ...(input.withheld ? { withheld: input.withheld } : {}),
    ...(input.previous ? { previous: input.previous } : {}),
    ...(input.etablissements ? { etablissements: input.etablissements } : {}),
  });
  for (const f of await statisticsFilesFor(statistics, assets.stylesheet))
    add(f.path, f.body, f.contentType);
  const national = input.nationalPeers?.length
    ? await nationalStatisticsFiles({
        host: slug,
        academies: [statistics, ...input.nationalPeers.filter((p) => p.academie !== slug)],
        stylesheet: assets.stylesheet,
      })
    : [];
  for (const f of national) add(f.path, f.body, f.contentType);

  // One list per établissement with a shown candidate (an empty list says so):
  // taken from the shown results only, so a withheld candidate adds no page.
  const byUai = new Map<string, PublicResult[]>();
  for (const r of results) {
    const list = byUai.get(r.uai);
    if (list) list.push(r);
    else byUai.set(r.uai, [r]);
  }
  const links = listLinks([...byUai.keys()].sort(), input.etablissements, input.communes);
  const lists = input.lists ?? true;
  if (lists && links.length) {
    const listAssets: ListAssets = {
      stylesheet: assets.stylesheet,
      filterScript: add(
        `${slug}/assets/filtre.${sha256Hex(FILTER_SCRIPT).slice(0, 8)}.js`,
        FILTER_SCRIPT,
        'text/javascript; charset=utf-8',
      ),
    };
    add(
      `${slug}/listes/index.html`,
      listsIndexPage(academie, input.session, listAssets, links),
      HTML,
    );
    for (const link of links)
      add(
        `${slug}/listes/${link.uai}.html`,
        listPage(academie, input.session, listAssets, link, byUai.get(link.uai) ?? []),
        HTML,
      );
  }
  add(
    `${slug}/index.html`,
    landingPage(academie, input.session, assets, lists ? links : null, {
      national: national.length > 0,
    }),
    HTML,
  );

  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: ReleaseManifest = {
    version: 1,
    academie: slug,
    session: input.session,
    groupe: input.groupe,
    files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.body.length })),
  };
  const manifestFile = manifestBytes(manifest);
  const id = releaseId(input.session, slug, input.groupe, manifestFile);
  files.push({
    path: MANIFEST_PATH,
    body: manifestFile,
    contentType: JSON_TYPE,
    sha256: sha256Hex(manifestFile),
  });
  return { id, files, manifest, statistics };
}

/** What the candidate's own lookup shows: the outcome, and nothing that names them. */
function lookupEntry(r: PublicResult): LookupEntry {
  if (r.decision === 'REMPLACEMENT') throw new Error('a deferred candidate has no result to seal');
  return {
    v: 2,
    examen: r.examen,
    libelleExamen: LIBELLE_EXAMEN[r.examen],
    serie: r.serie,
    groupe: r.groupe,
    decision: r.decision,
    mention: r.mention,
    resultat: r.resultat,
  };
}
