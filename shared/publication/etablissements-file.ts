// Reads the établissements reference file (see shared/domain/reference/
// etablissements.ts for the format and its rules) whole, refusing it whole.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  etablissementNames,
  parseEtablissements,
  type Etablissement,
} from '../domain/reference/etablissements.js';
import { PublicationError } from './publication.deps.js';

/**
 * The reference (a few thousand lines at most), or a PublicationError naming
 * every bad line, column and rule: a header `uai;libelle;commune` (or the
 * older `uai;libelle`), a valid UAI (check letter included), a non-empty name
 * and commune, each UAI once.
 */
export async function readEtablissementsReference(
  path: string,
): Promise<Map<string, Etablissement>> {
  const name = basename(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (err) {
    if (err instanceof TypeError) throw new PublicationError(`${name}: not UTF-8 text`);
    throw err;
  }
  const parsed = parseEtablissements(text, name);
  if (!parsed.ok)
    throw new PublicationError(`${name} refused, nothing used:\n${parsed.problems.join('\n')}`);
  return parsed.reference;
}

/** UAI → name only, for the code slips and the statistics. */
export async function readEtablissements(path: string): Promise<Map<string, string>> {
  return etablissementNames(await readEtablissementsReference(path));
}
