import { z } from 'zod';

/** The three baccalauréats: général, technologique, professionnel. */
export const Examen = z.enum(['BCG', 'BTN', 'BCP']);
export type Examen = z.infer<typeof Examen>;

/** Jury outcomes as exported by the deliberation software (format v1). */
export const DecisionCode = z.enum([
  'ADMIS',
  'AJOURNE',
  'SECOND_GROUPE',
  'ELIMINE',
  'REMPLACEMENT',
]);
export type DecisionCode = z.infer<typeof DecisionCode>;

/** AB = assez bien, B = bien, TB = très bien, TBF = très bien avec félicitations du jury. */
export const Mention = z.enum(['AB', 'B', 'TB', 'TBF']);
export type Mention = z.infer<typeof Mention>;

export const Groupe = z.union([z.literal(1), z.literal(2)]);
export type Groupe = z.infer<typeof Groupe>;

/** A candidate number as format v1 writes it: 6 to 15 digits or capital letters. */
export const CANDIDATE_NUMBER = /^[0-9A-Z]{6,15}$/;
export const CandidateNumber = z.string().regex(CANDIDATE_NUMBER);

/**
 * One jury decision once validated and normalised: the unit the store keeps.
 * Decisions are never edited: a correction is a new decision with a later
 * `deliberation`, and every version is kept.
 */
export const Decision = z.object({
  session: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  academie: z.string(),
  numero: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  /** ISO calendar date, YYYY-MM-DD. */
  dateNaissance: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  uai: z.string(),
  departement: z.string(),
  examen: Examen,
  /** Canonical série (BTN code, pre-2021 BCG série) or BCP spécialité name; null for BCG since 2021. */
  serie: z.string().nullable(),
  groupe: Groupe,
  decision: DecisionCode,
  mention: Mention.nullable(),
  moyenne: z.number().min(0).max(20).nullable(),
  accordPublication: z.boolean(),
  jury: z.string(),
  /** The jury's timestamp, normalised to UTC ISO-8601 with milliseconds so that strings sort in time order. */
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
