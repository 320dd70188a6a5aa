// The plaintext sealed in a lookup shard: what a candidate needs to read
// their own result, and nothing more. No name, no number, no birth date, no
// average, no session or académie (the page knows them): a sealed entry that
// leaked with its key would still name no one.
//
// zod/mini rather than zod: this schema ships in the public page's bundle,
// loaded on phones by every candidate at publication time, and the mini
// build tree-shakes to a few KB where classic zod does not. So it cannot
// import the vocabulary's schemas (shared/domain/vocabulary.ts, classic
// zod): it spells their values out, and test/unit/lookup/lookup-entry.test.ts
// holds them equal.
import * as z from 'zod/mini';

export const LookupEntry = z.object({
  /** Format version of the plaintext; a change of shape bumps it. */
  v: z.literal(2),
  examen: z.enum(['BCG', 'BTN', 'BCP']),
  /** "Baccalauréat général", ...: shown as is, so the page needs no reference tables. */
  libelleExamen: z.string(),
  /** Série (BTN, BCG before 2021) or spécialité (BCP); null for the général bac since 2021. */
  serie: z.nullable(z.string()),
  /** The group whose decision this is. */
  groupe: z.union([z.literal(1), z.literal(2)]),
  /** Which French message the page shows (REMPLACEMENT is never published). */
  decision: z.enum(['ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE']),
  mention: z.nullable(z.enum(['AB', 'B', 'TB', 'TBF'])),
  /** French outcome label, e.g. "Admis(e) avec mention Bien". */
  resultat: z.string().check(z.minLength(1)),
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
    examen: e.examen,
    libelleExamen: e.libelleExamen,
    serie: e.serie,
    groupe: e.groupe,
    decision: e.decision,
    mention: e.mention,
    resultat: e.resultat,
  };
  return JSON.stringify(ordered);
}
