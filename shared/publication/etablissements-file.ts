// The names of établissements for the lists: a `uai;libelle` CSV the
// rectorat exports from its directory (the decision file carries only UAIs).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { isValidUai } from '../domain/reference/uai.js';
import { PublicationError } from './publication.deps.js';

/**
 * Reads the file whole (a few thousand lines at most) and refuses it whole,
 * naming every bad line: a header `uai;libelle`, a valid UAI (check letter
 * included), a non-empty name, each UAI once.
 */
export async function readEtablissements(path: string): Promise<Map<string, string>> {
  const name = basename(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (err) {
    if (err instanceof TypeError) throw new PublicationError(`${name}: not UTF-8 text`);
    throw err;
  }
  const records: string[][] = parse(text, {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const [header, ...rows] = records;
  const problems: string[] = [];
  if (header?.[0]?.trim() !== 'uai' || header[1]?.trim() !== 'libelle')
    problems.push(`${name}:1:1: the header must be "uai;libelle"`);
  const out = new Map<string, string>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const uai = (row[0] ?? '').trim().toUpperCase();
    const libelle = (row[1] ?? '').trim();
    if (row.length !== 2)
      problems.push(`${name}:${line}:1: expected 2 columns, found ${row.length}`);
    else if (!isValidUai(uai))
      problems.push(
        `${name}:${line}:1: "${uai}" is not a valid UAI (7 digits and the check letter)`,
      );
    else if (!libelle) problems.push(`${name}:${line}:2: the name is empty`);
    else if (out.has(uai)) problems.push(`${name}:${line}:1: UAI ${uai} appears twice`);
    else out.set(uai, libelle);
  });
  if (problems.length)
    throw new PublicationError(`${name} refused, nothing used:\n${problems.join('\n')}`);
  return out;
}
