// Who gets an access code: read from a decisions file (format v1) or from an
// inscriptions file (`numero;nom;prenoms;uai`), the rectorat's list of
// registered candidates, which exists weeks before any jury sits, so codes
// can go out with the convocations.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { CANDIDATE_NUMBER } from '../domain/vocabulary.js';
import { isValidUai } from '../domain/reference/uai.js';
import { nameIssue, RowSchema } from '../ingest/row.schema.js';
import { ruleMessage } from '../ingest/rule-messages.js';
import { PublicationError } from './publication.deps.js';

export interface CandidateIdentity {
  numero: string;
  nom: string;
  prenoms: string;
  uai: string;
}

/** The number column's name in each kind of file, and the columns every file needs. */
const NUMBER_COLUMNS = ['numero_candidat', 'numero'] as const;
const NEEDED = ['nom', 'prenoms', 'uai'] as const;

/** UTF-8 (with or without BOM), or Windows-1252 as office tools still write it. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

/** A file refused (every bad line named): nothing was derived or written. */
export class CandidatesFileError extends PublicationError {
  override name = 'CandidatesFileError';
}

/** Every candidate of the file at `path` (see parseCandidates). */
export async function readCandidates(
  path: string,
  expect: { academie: string; session: string },
): Promise<CandidateIdentity[]> {
  return parseCandidates(await readFile(path), basename(path), expect);
}

/**
 * Every candidate of the file's bytes (`name` prefixes the messages), once each, in file order.
 * Refused whole,
 * naming every bad line (file:line:column, the rule, the value): a number of
 * 6 to 15 digits or capitals, names as format v1 allows them, a UAI with its
 * check letter, the same identity on every row of one number (a decisions
 * file has a row per group), and, in a decisions file, rows of the académie
 * and session asked for only.
 */
export function parseCandidates(
  bytes: Buffer,
  name: string,
  expect: { academie: string; session: string },
): CandidateIdentity[] {
  let records: string[][];
  try {
    records = parse(decode(bytes), {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    throw new CandidatesFileError(
      `${name}:${line ?? '?'}: not a ";" CSV file (${err.message}); no code exported`,
    );
  }
  const [header = [], ...rows] = records;
  const col = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const numberColumn = NUMBER_COLUMNS.find((c) => col.has(c));
  const missing = [...(numberColumn ? [] : ['numero']), ...NEEDED.filter((c) => !col.has(c))];
  if (!numberColumn || missing.length) {
    throw new CandidatesFileError(
      `${name}:1:1: the header lacks ${missing.join(', ')} (an inscriptions file is ` +
        '"numero;nom;prenoms;uai"; a decisions file works too)',
    );
  }
  /** A column's index; asked only of the columns checked present above. */
  const at = (c: string): number => {
    const index = col.get(c);
    if (index === undefined) throw new Error(`column ${c} was not checked present`);
    return index;
  };
  const problems: string[] = [];
  const seen = new Map<string, CandidateIdentity>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const cell = (c: string) => (row[at(c)] ?? '').trim();
    const where = (c: string) => `${name}:${line}:${at(c) + 1}`;
    const before = problems.length;
    const numero = cell(numberColumn).toUpperCase();
    if (!CANDIDATE_NUMBER.test(numero))
      problems.push(
        `${where(numberColumn)}: numero: 6 to 15 digits or capital letters (got "${numero}")`,
      );
    for (const c of ['nom', 'prenoms'] as const) {
      if (!RowSchema.shape[c].safeParse(cell(c)).success)
        problems.push(
          `${where(c)}: ${c}: ${ruleMessage(nameIssue(cell(c))).rule} (got "${cell(c)}")`,
        );
    }
    if (!isValidUai(cell('uai')))
      problems.push(
        `${where('uai')}: uai: 7 digits and the right check letter (got "${cell('uai')}")`,
      );
    for (const [c, wanted] of [
      ['academie', expect.academie],
      ['session', expect.session],
    ] as const) {
      if (col.has(c) && cell(c) !== wanted)
        problems.push(`${where(c)}: ${c}: the row is for ${cell(c)}, not ${wanted}`);
    }
    if (problems.length > before) return;
    const identity = { numero, nom: cell('nom'), prenoms: cell('prenoms'), uai: cell('uai') };
    const earlier = seen.get(numero);
    if (!earlier) seen.set(numero, identity);
    else if (
      earlier.nom !== identity.nom ||
      earlier.prenoms !== identity.prenoms ||
      earlier.uai !== identity.uai
    ) {
      problems.push(
        `${where(numberColumn)}: numero: candidate ${numero} appears earlier with another name ` +
          'or établissement',
      );
    }
  });
  if (rows.length === 0) problems.push(`${name}:2:1: no candidate in the file`);
  if (problems.length)
    throw new CandidatesFileError(`${name} refused, no code exported:\n${problems.join('\n')}`);
  return [...seen.values()];
}
