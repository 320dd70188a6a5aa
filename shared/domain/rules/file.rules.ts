/**
 * The rules between the rows of a decision file, and between a row and the
 * versions already stored. Each function is one rule and returns its
 * breaches; the ingest (shared/ingest/file-checks.ts) finds the rows each
 * rule compares.
 */
import type { Decision } from '../decision.schema.js';
import type { DecisionCode } from '../vocabulary.js';
import type { Breach } from './breach.js';
import type { CsvV1Column } from './format-v1.js';

/** The cells a candidate's two groups must share, and the column each is read from. */
export const IDENTITY_COLUMNS = {
  nom: 'nom',
  prenoms: 'prenoms',
  dateNaissance: 'date_naissance',
  uai: 'uai',
  examen: 'examen',
  serie: 'serie',
} as const satisfies Partial<Record<keyof Decision, CsvV1Column>>;
export type Identity = Pick<Decision, keyof typeof IDENTITY_COLUMNS>;
const IDENTITY_FIELDS = Object.keys(IDENTITY_COLUMNS) as (keyof Identity)[];

export function identityOf(d: Identity): Identity {
  const { nom, prenoms, dateNaissance, uai, examen, serie } = d;
  return { nom, prenoms, dateNaissance, uai, examen, serie };
}

/** duplicate-row: one row per candidate and group in a file (`first`: the line of the first). */
export function duplicateRow(first: number): Breach {
  return {
    code: 'duplicate-row',
    column: 'numero_candidat',
    rule: `same candidate and group as line ${first}`,
    regle: `même candidat et même groupe qu’à la ligne ${first}`,
  };
}

/**
 * group2-without-group1: a group-2 decision follows the candidate's group-1
 * SECOND_GROUPE decision, in the same file or already stored (`first`, if
 * there is one).
 */
export function group2NeedsSecondGroupe(
  first: { decision: DecisionCode } | undefined,
): Breach | null {
  if (first?.decision === 'SECOND_GROUPE') return null;
  return {
    code: 'group2-without-group1',
    column: 'groupe',
    rule: 'group-2 decision without a group-1 SECOND_GROUPE decision for this candidate',
    regle: 'décision du second groupe sans décision SECOND_GROUPE au premier groupe',
  };
}

/**
 * identity-mismatch: a candidate's two groups name the same person, school,
 * exam and série; one breach per cell that differs. `firstLine`: the line of
 * the group-1 row, or 'stored'.
 */
export function sameIdentityInBothGroups(
  second: Identity,
  first: Identity,
  firstLine: number | 'stored',
): Breach[] {
  return IDENTITY_FIELDS.filter((f) => second[f] !== first[f]).map((f) => {
    const column = IDENTITY_COLUMNS[f];
    return {
      code: 'identity-mismatch',
      column,
      rule: `${column} differs from this candidate's other row (line ${firstLine})`,
      regle: `${column} diffère de l’autre ligne de ce candidat (ligne ${firstLine})`,
    };
  });
}

/** A version the store holds: when it was deliberated and its content digest. */
export interface StoredVersion {
  deliberation: string;
  digest: string;
}

/** Where a row stands against the versions stored for its candidate and group. */
export type Standing =
  | { fate: 'new' | 'supersedes' }
  | { fate: 'same-deliberation'; digests: string[] }
  | { fate: 'refused'; breach: Breach };

/**
 * A decision is never edited: a later deliberation supersedes the stored
 * one (both are kept), and a correction must be later (older-deliberation).
 * A row with the deliberation of a stored version is that version again
 * (a re-ingest) if its content is the same: sameDeliberation decides, from
 * its digest. `versions`: oldest first; deliberations are UTC ISO strings,
 * which sort in time order.
 */
export function standingAgainstStore(
  deliberation: string,
  versions: readonly StoredVersion[],
): Standing {
  const latest = versions[versions.length - 1];
  if (!latest) return { fate: 'new' };
  const same = versions.filter((v) => v.deliberation === deliberation);
  if (same.length > 0) return { fate: 'same-deliberation', digests: same.map((v) => v.digest) };
  if (deliberation > latest.deliberation) return { fate: 'supersedes' };
  return {
    fate: 'refused',
    breach: {
      code: 'older-deliberation',
      column: 'deliberation',
      rule:
        `older than the stored deliberation ${latest.deliberation}: refused ` +
        '(a correction must be later)',
      regle:
        `antérieure à la délibération enregistrée ${latest.deliberation} : refusée ` +
        '(une correction doit être postérieure)',
    },
  };
}

/**
 * conflicting-deliberation: a row at the deliberation of stored versions is
 * one of them (same content digest: unchanged, a no-op), or is refused: two
 * different decisions cannot carry one deliberation instant.
 */
export function sameDeliberation(digest: string, stored: readonly string[]): 'unchanged' | Breach {
  if (stored.includes(digest)) return 'unchanged';
  return {
    code: 'conflicting-deliberation',
    column: 'deliberation',
    rule: 'a different decision with the same deliberation timestamp is already stored',
    regle: 'une autre décision avec la même date de délibération est déjà enregistrée',
  };
}
