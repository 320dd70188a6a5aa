import { z } from 'zod';

import { CandidateNumber, DecisionCode, Examen, Groupe, Mention, Session } from './vocabulary.js';

// The vocabulary is defined in vocabulary.ts; re-exported here for the modules that speak of
// decisions.
export {
  CANDIDATE_NUMBER,
  CandidateNumber,
  DecisionCode,
  Examen,
  Groupe,
  Mention,
} from './vocabulary.js';

/**
 * One jury decision once validated and normalised: the unit the store keeps.
 * Decisions are never edited: a correction is a new decision with a later
 * `deliberation`, and every version is kept.
 */
export const Decision = z.object({
  session: Session,
  academie: z.string(),
  numero: CandidateNumber,
  nom: z.string(),
  prenoms: z.string(),
  /** ISO calendar date, YYYY-MM-DD. */
  dateNaissance: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  uai: z.string(),
  departement: z.string(),
  examen: Examen,
  /**
   * Canonical série (BTN code, pre-2021 BCG série) or BCP spécialité name; null for BCG since 2021.
   */
  serie: z.string().nullable(),
  groupe: Groupe,
  decision: DecisionCode,
  mention: Mention.nullable(),
  moyenne: z.number().min(0).max(20).nullable(),
  accordPublication: z.boolean(),
  jury: z.string(),
  /**
   * The jury's timestamp, normalised to UTC ISO-8601 with milliseconds so that strings sort in time
   * order.
   */
  deliberation: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
});
export type Decision = z.infer<typeof Decision>;

/** Where a decision version came from: kept with it for the audit trail. */
export const DecisionSource = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  line: z.number().int().positive(),
  ingestedAt: z.string(),
});
export type DecisionSource = z.infer<typeof DecisionSource>;

/** A stored, immutable version of a decision. `digest` identifies its content. */
export const DecisionVersion = Decision.extend({
  digest: z.string().regex(/^[0-9a-f]{16}$/),
  source: DecisionSource,
});
export type DecisionVersion = z.infer<typeof DecisionVersion>;

/** Identity of a (candidate, group) slot within an académie's session. */
export function slotKey(d: Pick<Decision, 'numero' | 'groupe'>): string {
  return `${d.numero}#${d.groupe}`;
}
