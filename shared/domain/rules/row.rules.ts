/**
 * The rules between the cells of one decision row, each a named function
 * that returns its breach (or null), and the decision a valid row gives.
 * They see only the cells that passed their own rule (cell.rules.ts): a
 * rule whose cells are missing says nothing, so one mistake is reported
 * once. ROW_RULES lists them in the order their breaches are reported.
 */
import type { Decision } from '../decision.schema.js';
import { findAcademie, type Academie } from '../reference/academies.js';
import type { SerieCheck } from '../reference/exams.js';
import { uaiCheckLetter } from '../reference/uai.js';
import type { CellBreach } from './breach.js';
import { cellValues, type CellValues, type DecisionCells } from './cell.rules.js';
import type { CsvV1Column } from './format-v1.js';
import { birthDate, deliberationUtc, serieOf, uaiValid } from './lookups.js';
import { mentionForAverage, mentionsAllowed } from './mention.js';
import { checkAverageForDecision, decisionsAllowed } from './outcome.js';

/** A row as its rules see it. */
export interface RowUnderCheck {
  /** Each cell as written, trimmed. */
  readonly text: Readonly<Record<CsvV1Column, string>>;
  /** The value of each cell that passed its cell rule. */
  readonly cells: Partial<CellValues>;
  /** The académie its slug names, if it names one. */
  readonly academie: Academie | undefined;
  // Looked up once, for the rules and the decision (lookups.ts); undefined without their cells.
  /** The birth date in ISO, null when it is no calendar date. */
  readonly birthDate: string | null | undefined;
  /** The canonical série of the exam at the session, or why the cell is not one. */
  readonly serie: SerieCheck | undefined;
  /** The deliberation in UTC (without an offset: in the académie's time zone), null if none. */
  readonly deliberation: string | null | undefined;
}

export type RowRule = (row: RowUnderCheck) => CellBreach | null;

/** The row of `text` and the `cells` that passed their rules, with its académie looked up. */
export function rowUnderCheck(
  text: Readonly<Record<CsvV1Column, string>>,
  cells: Partial<DecisionCells>,
): RowUnderCheck {
  const c = cellValues(cells);
  const academie = c.academie === undefined ? undefined : findAcademie(c.academie);
  // Without an offset, the académie's time zone; Paris when it is unknown.
  const timeZone = academie?.timeZone ?? 'Europe/Paris';
  return {
    text,
    cells: c,
    academie,
    birthDate: c.date_naissance === undefined ? undefined : birthDate(c.date_naissance),
    serie:
      c.examen === undefined || c.session === undefined
        ? undefined
        : serieOf(c.examen, c.session, text.serie),
    deliberation:
      c.deliberation === undefined ? undefined : deliberationUtc(timeZone, c.deliberation),
  };
}

/** academie-unknown: the slug names an académie or vice-rectorat (reference/academies.ts). */
export function academieKnown({ cells, academie }: RowUnderCheck): CellBreach | null {
  if (cells.academie === undefined || academie) return null;
  return {
    code: 'academie-unknown',
    column: 'academie',
    rule: 'unknown académie slug',
    regle: 'académie inconnue',
  };
}

/** uai-check-letter: the eighth character of a UAI is computed from its seven digits. */
export function uaiCheckLetterRight({ cells: { uai } }: RowUnderCheck): CellBreach | null {
  if (uai === undefined || uaiValid(uai)) return null;
  const expected = uaiCheckLetter(uai.slice(0, 7));
  return {
    code: 'uai-check-letter',
    column: 'uai',
    rule: `UAI check letter is wrong (expected ${expected})`,
    regle: `lettre clé de l’UAI incorrecte (attendue : ${expected})`,
  };
}

/** departement-academie: the département is one of the académie's. */
export function departementInAcademie({ cells, academie }: RowUnderCheck): CellBreach | null {
  if (!academie || cells.departement === undefined) return null;
  if (academie.departements.includes(cells.departement)) return null;
  return {
    code: 'departement-academie',
    column: 'departement',
    rule: `département does not belong to académie ${academie.slug}`,
    regle: `le département n’appartient pas à l’académie ${academie.slug}`,
  };
}

/** birth-date-invalid: the birth date exists in the calendar (no 30 February). */
export function birthDateReal(row: RowUnderCheck): CellBreach | null {
  if (row.birthDate !== null) return null;
  return {
    code: 'birth-date-invalid',
    column: 'date_naissance',
    rule: 'birth date is not a real calendar date',
    regle: 'la date de naissance n’existe pas',
  };
}

/** birth-date-implausible: the candidate is 12 to 100 years old in the session's year. */
export function birthDatePlausible({ cells, birthDate }: RowUnderCheck): CellBreach | null {
  if (!birthDate || cells.session === undefined) return null;
  const age = Number(cells.session.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (age >= 12 && age <= 100) return null;
  return {
    code: 'birth-date-implausible',
    column: 'date_naissance',
    rule: 'birth date gives an age outside 12-100 at the session',
    regle: 'date de naissance invraisemblable (âge hors de 12 à 100 ans)',
  };
}

/**
 * serie-invalid: the série is one of the exam's at that session: empty for
 * the général bac since 2021 (ES, L, S before), a BTN série code, a BCP
 * spécialité (reference/exams.ts says which, and why not).
 */
export function serieForExam({ serie }: RowUnderCheck): CellBreach | null {
  if (!serie || serie.ok) return null;
  return {
    code: 'serie-invalid',
    column: 'serie',
    rule: serie.rule,
    regle: `série ou spécialité invalide : ${serie.rule}`,
  };
}

/** decision-groupe: the second group ends in ADMIS or AJOURNE, nothing else. */
export function decisionForGroup({
  cells: { groupe, decision },
}: RowUnderCheck): CellBreach | null {
  if (groupe === undefined || decision === undefined) return null;
  if (decisionsAllowed(groupe).includes(decision)) return null;
  return {
    code: 'decision-groupe',
    column: 'decision',
    rule: 'a group-2 decision can only be ADMIS or AJOURNE',
    regle: 'une décision du second groupe ne peut être que ADMIS ou AJOURNE',
  };
}

/** A mention given with a decision other than ADMIS at the first group. */
const mentionOutsideAdmis = ({ mention, decision, groupe }: Partial<CellValues>) =>
  !!mention &&
  decision !== undefined &&
  groupe !== undefined &&
  (decision !== 'ADMIS' || groupe !== 1);

/** mention-not-admis: a mention is awarded only with ADMIS at the first group. */
export function mentionOnlyWhenAdmis({ cells }: RowUnderCheck): CellBreach | null {
  if (!mentionOutsideAdmis(cells)) return null;
  return {
    code: 'mention-not-admis',
    column: 'mention',
    rule: 'a mention is only awarded with ADMIS at the first group',
    regle: 'une mention n’est attribuée qu’avec ADMIS au premier groupe',
  };
}

/** mention-tbf-bcp: félicitations du jury (TBF) exist for the général and techno bacs only. */
export function mentionForExam({ cells }: RowUnderCheck): CellBreach | null {
  const { mention, examen } = cells;
  if (!mention || examen === undefined || mentionOutsideAdmis(cells)) return null;
  if (mentionsAllowed(examen).includes(mention)) return null;
  return {
    code: 'mention-tbf-bcp',
    column: 'mention',
    rule: 'TBF (félicitations du jury) does not exist for the professional bac',
    regle: 'la mention TBF (félicitations du jury) n’existe pas au bac professionnel',
  };
}

/**
 * mention-average: an ADMIS at the first group with an average has the
 * mention that average earns (none under 12; rules/mention.ts). A mention
 * the exam does not have is mentionForExam's breach, not this one's.
 */
export function mentionMatchesAverage({ cells, text }: RowUnderCheck): CellBreach | null {
  const { examen, groupe, decision, moyenne, mention } = cells;
  if (examen === undefined || groupe !== 1 || decision !== 'ADMIS') return null;
  if (typeof moyenne !== 'number' || mention === undefined) return null;
  if (mention !== null && !mentionsAllowed(examen).includes(mention)) return null;
  const expected = mentionForAverage(examen, moyenne);
  if (expected === mention) return null;
  const shown = expected ?? '(none)';
  return {
    code: 'mention-average',
    column: 'mention',
    rule: `mention inconsistent with the average ${text.moyenne} (expected ${shown})`,
    regle: `mention incohérente avec la moyenne ${text.moyenne} (attendue : ${shown})`,
  };
}

/** moyenne-decision: the average fits the decision (rules/outcome.ts says how). */
export function averageMatchesDecision({ cells }: RowUnderCheck): CellBreach | null {
  const { examen, groupe, decision, moyenne } = cells;
  if (examen === undefined || groupe === undefined || decision === undefined) return null;
  if (moyenne === undefined) return null;
  const problem = checkAverageForDecision(examen, groupe, decision, moyenne);
  if (!problem) return null;
  return {
    code: 'moyenne-decision',
    column: 'moyenne',
    rule: problem,
    regle: `moyenne incohérente avec la décision : ${problem}`,
  };
}

/** deliberation-format: the deliberation is an instant that exists (no 24:00, no 31 June). */
export function deliberationInstant({ deliberation }: RowUnderCheck): CellBreach | null {
  if (deliberation !== null) return null;
  return {
    code: 'deliberation-format',
    column: 'deliberation',
    rule: 'deliberation must be an ISO date-time, e.g. 2024-07-05T14:30:00+02:00',
    regle: 'la délibération doit être une date-heure ISO, par ex. 2024-07-05T14:30:00+02:00',
  };
}

/** Every rule between the cells of a row, in the order their breaches are reported. */
export const ROW_RULES: readonly RowRule[] = [
  academieKnown,
  uaiCheckLetterRight,
  departementInAcademie,
  birthDateReal,
  birthDatePlausible,
  serieForExam,
  decisionForGroup,
  mentionOnlyWhenAdmis,
  mentionForExam,
  mentionMatchesAverage,
  averageMatchesDecision,
  deliberationInstant,
];

/** The breaches of a row, in ROW_RULES order. */
export function rowBreaches(row: RowUnderCheck): CellBreach[] {
  const breaches: CellBreach[] = [];
  for (const rule of ROW_RULES) {
    const breach = rule(row);
    if (breach) breaches.push(breach);
  }
  return breaches;
}

/**
 * The decision of a row every rule accepts, normalised as the store keeps it:
 * the académie's slug, an ISO birth date, the canonical série, the
 * deliberation in UTC. Null when a cell is missing or a look-up fails (the
 * rules above say why).
 */
export function decisionOf(row: RowUnderCheck): Decision | null {
  const { cells: c, academie, birthDate: dateNaissance, serie, deliberation } = row;
  if (
    !academie ||
    !dateNaissance ||
    !serie?.ok ||
    !deliberation ||
    c.session === undefined ||
    c.examen === undefined ||
    c.numero_candidat === undefined ||
    c.nom === undefined ||
    c.prenoms === undefined ||
    c.uai === undefined ||
    c.departement === undefined ||
    c.groupe === undefined ||
    c.decision === undefined ||
    c.mention === undefined ||
    c.moyenne === undefined ||
    c.accord_publication === undefined ||
    c.jury === undefined
  )
    return null;
  return {
    session: c.session,
    academie: academie.slug,
    numero: c.numero_candidat,
    nom: c.nom,
    prenoms: c.prenoms,
    dateNaissance,
    uai: c.uai,
    departement: c.departement,
    examen: c.examen,
    serie: serie.serie,
    groupe: c.groupe,
    decision: c.decision,
    mention: c.mention,
    moyenne: c.moyenne,
    accordPublication: c.accord_publication,
    jury: c.jury,
    deliberation,
  };
}
