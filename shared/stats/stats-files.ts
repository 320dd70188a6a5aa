// The statistics files of a release: pages and downloads, deterministic
// (same input, same bytes; the XLSX too). Paths are relative to the release
// root, as the other files of shared/render/release.ts.
import { findAcademie } from '../domain/reference/academies.js';
import { toCsv } from './csv-export.js';
import { etablissementTable, syntheseTable } from './export-tables.js';
import { statsJsonSchema, toJson } from './json-export.js';
import { nationalStatsPage } from './national-page.js';
import { academieStatsPage, type Download } from './stats-page.js';
import { academieStatistics, nationalStatistics, type AcademieStatsInput } from './statistics.js';
import type { AcademieStats } from './stats.types.js';
import { toXlsx } from './xlsx-export.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface StatFile {
  path: string;
  body: string | Uint8Array;
  contentType: string;
}

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export interface StatisticsFilesInput extends AcademieStatsInput {
  /**
   * The release's stylesheet, relative to the release root (PageAssets.stylesheet:
   * "amiens/assets/site.1a2b3c4d.css").
   */
  stylesheet?: string;
}

/**
 * "amiens-2024-06-2nd-groupe": download names say what they hold once saved in a Downloads folder.
 */
export function downloadBase(slug: string, session: string, groupe: Groupe): string {
  return `${slug}-${session}-${groupe === 1 ? '1er' : '2nd'}-groupe`;
}

/**
 * From a page `depth` folders below the académie folder, to a release-root path under that
 * académie.
 */
function relative(stylesheet: string | undefined, slug: string, depth: number): string | undefined {
  if (!stylesheet) return undefined;
  const inside = stylesheet.startsWith(`${slug}/`) ? stylesheet.slice(slug.length + 1) : stylesheet;
  return `${'../'.repeat(depth)}${inside}`;
}

/** Downloads of a stats object: [name, body, content type]; the XLSX is built asynchronously. */
async function downloads(
  stats: AcademieStats | ReturnType<typeof nationalStatistics>,
  base: string,
) {
  const synthese = syntheseTable(stats);
  const tables = 'academie' in stats ? [synthese, etablissementTable(stats)] : [synthese];
  const files: [name: string, label: string, body: string | Uint8Array, type: string][] = [
    [
      `${base}-synthese.csv`,
      'Synthèse (CSV, séparateur « ; »)',
      toCsv(synthese),
      CONTENT_TYPES.csv,
    ],
  ];
  if (tables[1])
    files.push([
      `${base}-etablissements.csv`,
      'Résultats par établissement (CSV, champs du jeu de données ministériel)',
      toCsv(tables[1]),
      CONTENT_TYPES.csv,
    ]);
  files.push(
    [
      `${base}.xlsx`,
      'Classeur Excel (toutes les tables)',
      await toXlsx(tables, stats.session),
      CONTENT_TYPES.xlsx,
    ],
    [
      `${base}.json`,
      'Données JSON (schéma publibac/statistiques, version 1)',
      toJson(stats),
      CONTENT_TYPES.json,
    ],
    [
      'schema-statistiques-v1.json',
      'Description du format JSON (JSON Schema)',
      statsJsonSchema(),
      CONTENT_TYPES.json,
    ],
  );
  return files;
}

/**
 * `<slug>/statistiques/index.html` and its downloads (CSV synthèse and
 * établissements, XLSX, JSON). Withheld candidates count nowhere.
 */
export async function statisticsFiles(input: StatisticsFilesInput): Promise<StatFile[]> {
  return statisticsFilesFor(academieStatistics(input), input.stylesheet);
}

/** The same from statistics already computed (when they also feed the national page). */
export async function statisticsFilesFor(
  stats: AcademieStats,
  stylesheet?: string,
): Promise<StatFile[]> {
  const dir = `${stats.academie}/statistiques`;
  const files = await downloads(stats, downloadBase(stats.academie, stats.session, stats.groupe));
  const sheet = relative(stylesheet, stats.academie, 1);
  const page = academieStatsPage(stats, {
    ...(sheet ? { stylesheet: sheet } : {}),
    downloads: files.map(([name, label, body]): Download => ({
      href: name,
      label,
      bytes: byteLength(body),
    })),
  });
  return [
    { path: `${dir}/index.html`, body: page, contentType: CONTENT_TYPES.html },
    ...files.map(([name, , body, contentType]) => ({ path: `${dir}/${name}`, body, contentType })),
  ];
}

const utf8 = new TextEncoder();
function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? utf8.encode(body).length : body.length;
}

export interface NationalFilesInput {
  /** The académie whose release carries the page: `<host>/statistiques/national/`. */
  host: string;
  /**
   * Académies to sum, all of the same session and groupe. Only those whose
   * results are already public when this release goes live: a national
   * page must not publish an académie's figures before its own instant.
   */
  academies: readonly AcademieStats[];
  stylesheet?: string;
}

export async function nationalStatisticsFiles(input: NationalFilesInput): Promise<StatFile[]> {
  const host = findAcademie(input.host);
  if (!host) throw new Error(`unknown académie ${JSON.stringify(input.host)}`);
  const stats = nationalStatistics(input.academies);
  const dir = `${host.slug}/statistiques/national`;
  const files = await downloads(stats, downloadBase('national', stats.session, stats.groupe));
  const sheet = relative(input.stylesheet, host.slug, 2);
  const page = nationalStatsPage(stats, {
    hostName: host.name,
    ...(sheet ? { stylesheet: sheet } : {}),
    downloads: files.map(([name, label]) => ({ href: name, label })),
  });
  return [
    { path: `${dir}/index.html`, body: page, contentType: CONTENT_TYPES.html },
    ...files.map(([name, , body, contentType]) => ({ path: `${dir}/${name}`, body, contentType })),
  ];
}
