// The words of the domain, each defined once (pattern, zod schema, type) and
// imported everywhere else: a session, an académie slug, a group, a
// candidate number, a UAI, a decision, a mention, an exam. Where a format
// reads them as text (a CSV cell, a CLI argument, a URL), it checks them
// against these; nothing else spells the patterns out again.
import { z } from 'zod';

/** A session: the month of its first-group deliberations, "2024-06". */
export const SESSION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Session = z.string().regex(SESSION_PATTERN);
export type Session = z.infer<typeof Session>;

/** An académie's slug as the reference data and the public paths spell it: "aix-marseille". */
export const ACADEMIE_SLUG_PATTERN = /^[a-z]+(-[a-z]+)*$/;
export const AcademieSlug = z.string().regex(ACADEMIE_SLUG_PATTERN);

/**
 * The group of tests a decision or a release belongs to: 1, the first group
 * (results at the announced instant), 2, after the second-group orals. The
 * one name for what releases and statistics also called a "groupe".
 */
export const Groupe = z.union([z.literal(1), z.literal(2)]);
export type Groupe = z.infer<typeof Groupe>;
/** The same, as text ("1" or "2"): a CSV cell, a CLI argument. */
export const GroupeText = z.enum(['1', '2']).transform((g): Groupe => (g === '1' ? 1 : 2));

/** A candidate number as format v1 writes it: 6 to 15 digits or capital letters. */
export const CANDIDATE_NUMBER = /^[0-9A-Z]{6,15}$/;
export const CandidateNumber = z.string().regex(CANDIDATE_NUMBER);

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
