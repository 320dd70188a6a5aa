// The plaintext sealed in a lookup shard: what a candidate sees of their own
// result, and nothing more (no birth date, no number, no average).
//
// zod/mini rather than zod: this schema ships in the public page's bundle,
// loaded on phones by every candidate at publication time, and the mini
// build tree-shakes to a few KB where classic zod does not.
import * as z from 'zod/mini';

export const LookupEntry = z.object({
  /** Format version of the plaintext; a change of shape bumps it. */
  v: z.literal(1),
  nom: z.string().check(z.minLength(1)),
  prenoms: z.string(),
  examen: z.enum(['BCG', 'BTN', 'BCP']),
  /** "Baccalauréat général", ...: shown as is, so the page needs no reference tables. */
  libelleExamen: z.string(),
  serie: z.nullable(z.string()),
  groupe: z.union([z.literal(1), z.literal(2)]),
  /** French outcome label, e.g. "Admis(e) avec mention Bien". */
  resultat: z.string().check(z.minLength(1)),
  mention: z.nullable(z.enum(['AB', 'B', 'TB', 'TBF'])),
  session: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  academie: z.string().check(z.regex(/^[a-z]+(-[a-z]+)*$/)),
});
export type LookupEntry = z.infer<typeof LookupEntry>;

/**
 * Canonical JSON: keys in the fixed order below whatever the input's order,
 * unknown keys dropped, no whitespace. Sealing is deterministic, so the same
 * entry must give the same bytes for shard files to be byte-identical.
 * Throws on an invalid entry: a render bug, never to be published.
 */
export function serializeEntry(entry: LookupEntry): string {
  const e = LookupEntry.parse(entry);
  const ordered: LookupEntry = {
    v: e.v,
    nom: e.nom,
    prenoms: e.prenoms,
    examen: e.examen,
    libelleExamen: e.libelleExamen,
    serie: e.serie,
    groupe: e.groupe,
    resultat: e.resultat,
    mention: e.mention,
    session: e.session,
    academie: e.academie,
  };
  return JSON.stringify(ordered);
}
