// Renders an académie's release (or rehearsal) from the stored decisions,
// writes it to the site bucket, checks it complete, and records it.
import { ACADEMIES, findAcademie } from '../domain/reference/academies.js';
import { liveRelease } from '../edge/pointer.js';
import { findPrevious } from '../stats/export.usecase.js';
import type { AcademieStats } from '../stats/index.js';
import { ARM_AHEAD_MS } from '../domain/publication/instant.js';
import type { Progress } from '../ports/byte-source.port.js';
import { silentProgress } from '../ports/byte-source.port.js';
import type { RehearsalSample, RenderedRelease } from '../ports/publication-store.port.js';
import { randomBytes } from 'node:crypto';
import type { Decision } from '../domain/decision.schema.js';
import {
  FORMAT_VERSION,
  lookupScope,
  type LookupParams,
  type SessionLookupParams,
} from '../render/lookup/lookup-crypto.js';
import pMap from 'p-map';
import { renderRelease, type Release, type RenderInput } from '../render/release.js';
import type { SealedEntry } from '../render/lookup/lookup-shards.js';
import { encodeSnapshot, snapshotOf, type RenderSnapshot } from './render-snapshot.js';
import { selectPublicResults } from '../render/release-input.js';
import { accessCode, sessionCodeSecret } from './access-codes.js';
import { pseudonymiseDecisions, sampleCandidates } from './pseudonymise.js';
import { prepareRoots, sessionLookupParams, DEFAULT_ITERATIONS } from './lookup-material.js';
import { listsOnline } from './lists-expiry.js';
import { PublicationError, withheldNumbers, type PublicationDeps } from './publication.deps.js';
import { readPointer } from './publication.usecase.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface RenderRequest {
  academie: string;
  session: string;
  /** 1: after the first group; 2: after the second group. */
  groupe: Groupe;
  kind?: 'release' | 'rehearsal';
  actor: string;
  /** PBKDF2 cost for a session's first render; later renders keep the session's. */
  iterations?: number;
  etablissements?: ReadonlyMap<string, string>;
  /** UAI → commune (the établissements reference), shown on the lists. */
  communes?: ReadonlyMap<string, string>;
  progress?: Progress;
  /** Name lists or not; by default, as long as the session's lists have not expired. */
  lists?: boolean;
}

/**
 * The release as it would be rendered now, in memory only: what a takedown
 * compares with the live release to find the files to rewrite.
 */
export async function renderInMemory(
  deps: PublicationDeps,
  req: Omit<RenderRequest, 'actor'>,
): Promise<{
  rendered: Release;
  candidates: number;
  derived: number;
  tryWith?: RehearsalSample[];
  snapshot?: RenderSnapshot;
}> {
  const academie = findAcademie(req.academie);
  if (!academie) throw new PublicationError(`unknown académie "${req.academie}"`);
  const decisions = await deps.decisions.currentDecisions(req.session, academie.slug);
  if (decisions.length === 0)
    throw new PublicationError(
      `no decisions stored for ${academie.slug} ${req.session}: ingest them first`,
    );
  if (req.groupe === 2 && !decisions.some((d) => d.groupe === 2)) {
    throw new PublicationError(
      `no second-group decisions stored for ${academie.slug} ${req.session}: ingest them ` +
        'before rendering groupe 2',
    );
  }
  const everyone = new Set(decisions.map((d) => d.numero)).size;
  const session = await sessionLookupParams(
    deps.lookupKeys,
    req.session,
    academie.slug,
    everyone,
    req.iterations ?? DEFAULT_ITERATIONS,
  );
  const withheld = await withheldNumbers(deps, req.session, academie.slug);
  const subjects =
    req.kind === 'rehearsal'
      ? rehearsalSubjects(
          decisions,
          withheld,
          session,
          lookupScope(req.session, academie.slug, req.groupe, true),
        )
      : {
          decisions,
          withheld,
          params: {
            v: FORMAT_VERSION,
            ...session,
            scope: lookupScope(req.session, academie.slug, req.groupe),
          } satisfies LookupParams,
          codeSecret: await sessionCodeSecret(deps.lookupKeys, req.session, academie.slug),
          cache: { keys: deps.lookupKeys, session: req.session, academie: academie.slug },
        };
  const shown = selectPublicResults(subjects.decisions, req.groupe, subjects.withheld);
  const { root, derived } = await prepareRoots(
    subjects,
    shown.map((r) => r.numero),
    req.progress ?? silentProgress,
  );
  const previous = await findPrevious(deps, academie.slug, req.session, req.groupe);
  const nationalPeers = await livePeerStatistics(deps, academie.slug, req.session, req.groupe);
  // A release keeps its sealed entries for a takedown's re-render (render-snapshot.ts).
  const entries = new Map<string, SealedEntry & { text: string }>();
  const keep = req.kind !== 'rehearsal';
  const input: RenderInput = {
    academie: academie.slug,
    session: req.session,
    groupe: req.groupe,
    decisions: subjects.decisions,
    withheld: subjects.withheld,
    lookup: {
      params: subjects.params,
      root,
      ...(keep ? { onSealed: (n, e, text) => entries.set(n, { ...e, text }) } : {}),
    },
    ...(req.etablissements ? { etablissements: req.etablissements } : {}),
    ...(req.communes ? { communes: req.communes } : {}),
    ...(previous ? { previous } : {}),
    nationalPeers,
    lists: req.lists ?? (await listsOnline(deps, req.session, academie.slug)),
  };
  const release = await renderRelease(input);
  const tryWith =
    req.kind === 'rehearsal'
      ? sampleCandidates(subjects.decisions, req.groupe).map((numero) => ({
          numero,
          code: accessCode(subjects.codeSecret, numero),
        }))
      : undefined;
  return {
    rendered: release,
    candidates: shown.length,
    derived,
    ...(tryWith ? { tryWith } : {}),
    ...(keep ? { snapshot: snapshotOf(input, entries) } : {}),
  };
}

/**
 * A rehearsal shows the real structure and counts and no real person:
 * withheld candidates are dropped, everyone else gets a pseudonymous
 * identity (number, names, birth date), and the lookup its own salt and
 * code secret, made for this rehearsal and kept nowhere (no root cache
 * either), so a leaked link or file leads to no one and no real code opens
 * anything in it.
 */
function rehearsalSubjects(
  decisions: readonly Decision[],
  withheld: ReadonlySet<string>,
  session: SessionLookupParams,
  scope: string,
) {
  return {
    decisions: pseudonymiseDecisions(
      decisions.filter((d) => !withheld.has(d.numero)),
      randomBytes(32),
    ),
    withheld: new Set<string>(),
    params: {
      v: FORMAT_VERSION,
      ...session,
      salt: randomBytes(16).toString('base64'),
      scope,
    } satisfies LookupParams,
    codeSecret: randomBytes(32).toString('base64'),
  };
}

export interface RenderOutcome {
  release: RenderedRelease;
  /** The files as rendered (a takedown copies some of them into the live release). */
  rendered: Release;
  /** Candidates whose key material was derived by this render (the others came from the cache). */
  derived: number;
}

export async function renderAcademie(
  deps: PublicationDeps,
  req: RenderRequest,
): Promise<RenderOutcome> {
  const kind = req.kind ?? 'release';
  const {
    rendered: release,
    candidates,
    derived,
    tryWith,
    snapshot,
  } = await renderInMemory(deps, { ...req, kind });
  const slug = release.manifest.academie;
  const prefix = kind === 'release' ? 'releases' : 'rehearsals';
  await deps.storage.write(release, prefix);
  const check = await deps.storage.verify(release.id, prefix);
  if (!check.complete)
    throw new Error(
      `release ${release.id} is incomplete after writing: ${check.missing.slice(0, 5).join(', ')}`,
    );

  const record: RenderedRelease = {
    id: release.id,
    academie: slug,
    session: req.session,
    groupe: req.groupe,
    kind,
    candidates,
    objects: release.files.length,
    bytes: release.files.reduce((n, f) => n + f.body.length, 0),
    renderedAt: deps.clock.now().toISOString(),
    renderedBy: req.actor,
    ...(tryWith ? { tryWith } : {}),
  };
  if (kind === 'release') await deps.storage.saveStatistics(release.id, release.statistics);
  if (snapshot) await deps.storage.saveRenderInputs(release.id, await encodeSnapshot(snapshot));
  await deps.publications.recordRelease(record);
  await deps.audit.record({
    at: record.renderedAt,
    actor: req.actor,
    action: kind === 'release' ? 'render' : 'rehearse',
    academie: slug,
    session: req.session,
    groupe: req.groupe,
    releaseId: release.id,
    detail: `${kind} rendered: ${record.candidates} candidates, ${record.objects} objects`,
  });
  if (kind === 'release') await rearmIfPlanned(deps, slug, req.session, req.groupe);
  return { release: record, rendered: release, derived };
}

/**
 * The figures other académies have already made public for this session and
 * groupe (their live release's own), for the national page: an académie not
 * yet live adds nothing, so the page never publishes anyone's figures early.
 */
export async function livePeerStatistics(
  deps: PublicationDeps,
  slug: string,
  session: string,
  groupe: Groupe,
): Promise<AcademieStats[]> {
  const now = deps.clock.now().getTime();
  const peers = await pMap(
    ACADEMIES.filter((a) => a.slug !== slug),
    async (a) => {
      const live = liveRelease(await readPointer(deps, a.slug), now);
      const stats = live ? await deps.storage.statistics(live) : undefined;
      return stats && stats.session === session && stats.groupe === groupe ? stats : undefined;
    },
    { concurrency: 8 },
  );
  return peers.filter((p): p is AcademieStats => p !== undefined);
}

/**
 * A release rendered after its plan was set (a late correction) replaces
 * the armed one as long as the instant is ahead: the trigger is moved to
 * now, or left at its arming time if that is still to come.
 */
async function rearmIfPlanned(
  deps: PublicationDeps,
  academie: string,
  session: string,
  groupe: Groupe,
): Promise<void> {
  const plan = await deps.publications.plan(session, academie, groupe);
  if (!plan || (plan.state !== 'scheduled' && plan.state !== 'armed')) return;
  const now = deps.clock.now().getTime();
  const instant = Date.parse(plan.instant);
  if (now >= instant) return;
  await deps.publications.savePlan({
    ...plan,
    state: 'scheduled',
    reason: 'a newer release was rendered: arming it',
    updatedAt: new Date(now).toISOString(),
  });
  await deps.scheduler.setTrigger({
    academie,
    session,
    groupe,
    at: new Date(Math.max(now, instant - ARM_AHEAD_MS)),
  });
}
