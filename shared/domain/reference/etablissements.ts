// The établissements reference: the rectorat's directory export, a
// `uai;libelle;commune` CSV (`;`, header line, UTF-8 with or without BOM).
// The decision file carries only UAIs; this names each établissement and
// says where it is, so that the public lists can tell apart three lycées
// named after Aimé Césaire. The older two-column export (`uai;libelle`) is
// still read, with no commune. Pure: text in, reference or every problem out.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isValidUai } from './uai.js';

export interface Etablissement {
  uai: string;
  libelle: string;
  /** Empty when the file has no commune column. */
  commune: string;
}

/** UAI → établissement, in the file's order. */
export type EtablissementsReference = ReadonlyMap<string, Etablissement>;

export const ETABLISSEMENTS_HEADER = ['uai', 'libelle', 'commune'] as const;
const LEGACY_HEADER = ['uai', 'libelle'] as const;

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `the ${what} is empty`)
    .max(max, `the ${what} is longer than ${String(max)} characters`);

/** One data line; the keys are the header's columns, in order. */
export const etablissementRowSchema = z.object({
  uai: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidUai, { error: 'is not a valid UAI (7 digits and the check letter)' }),
  libelle: text('name', 200),
  commune: text('commune', 100),
});

export type ParsedEtablissements =
  { ok: true; reference: Map<string, Etablissement> } | { ok: false; problems: string[] };

/**
 * Checks the whole text and returns the reference, or every problem as
 * `<file>:<line>:<column>: <rule>` (nothing is half-used).
 */
export function parseEtablissements(content: string, file: string): ParsedEtablissements {
  const records: string[][] = parse(content, {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const [header = [], ...rows] = records;
  const names = header.map((h) => h.trim().toLowerCase());
  const columns = sameColumns(names, ETABLISSEMENTS_HEADER)
    ? ETABLISSEMENTS_HEADER
    : sameColumns(names, LEGACY_HEADER)
      ? LEGACY_HEADER
      : null;
  if (!columns)
    return { ok: false, problems: [`${file}:1:1: the header must be "uai;libelle;commune"`] };
  const problems: string[] = [];
  const reference = new Map<string, Etablissement>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.length !== columns.length) {
      problems.push(`${file}:${line}:1: expected ${columns.length} columns, found ${row.length}`);
      return;
    }
    const parsed = etablissementRowSchema.safeParse({
      uai: row[0],
      libelle: row[1],
      commune: columns.length === 3 ? row[2] : 'n/a',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const column = ETABLISSEMENTS_HEADER.indexOf(key as 'uai') + 1;
        const shown = key === 'uai' ? `"${(row[0] ?? '').trim().toUpperCase()}" ` : '';
        problems.push(`${file}:${line}:${column}: ${shown}${issue.message}`);
      }
      return;
    }
    const { uai, libelle } = parsed.data;
    if (reference.has(uai)) problems.push(`${file}:${line}:1: UAI ${uai} appears twice`);
    else
      reference.set(uai, {
        uai,
        libelle,
        commune: columns.length === 3 ? parsed.data.commune : '',
      });
  });
  return problems.length ? { ok: false, problems } : { ok: true, reference };
}

function sameColumns(names: readonly string[], expected: readonly string[]): boolean {
  return names.length === expected.length && expected.every((c, i) => names[i] === c);
}

/** UAI → name, as the statistics and the code slips take it. */
export function etablissementNames(ref: EtablissementsReference): Map<string, string> {
  return new Map([...ref.values()].map((e) => [e.uai, e.libelle]));
}

/** UAI → commune, for the établissements known to have one. */
export function etablissementCommunes(ref: EtablissementsReference): Map<string, string> {
  return new Map([...ref.values()].filter((e) => e.commune).map((e) => [e.uai, e.commune]));
}

/** The département a UAI belongs to: its first three digits ("035" → "35", "620" → "2A"). */
export function departementOfUai(uai: string): string {
  const prefix = uai.slice(0, 3);
  if (prefix === '620') return '2A';
  if (prefix === '720') return '2B';
  return prefix.startsWith('0') ? prefix.slice(1) : prefix;
}
