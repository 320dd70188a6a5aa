/**
 * What each cell of a decision row must look like on its own (format v1):
 * one entry per column, its schema and the breach reported when the cell
 * does not fit. Patterns and enumerations only: rules that need reference
 * data or several cells are in row.rules.ts. Cells reach these rules
 * trimmed.
 */
import { z } from 'zod';
import {
  AcademieSlug,
  CandidateNumber,
  DecisionCode,
  Examen,
  GroupeText,
  Mention,
  Session,
  type Groupe,
} from '../vocabulary.js';
import type { Breach } from './breach.js';
import type { CsvV1Column } from './format-v1.js';

const text = (pattern: RegExp) => z.string().regex(pattern);
/** The same breach whatever the cell holds. */
const always = (code: string, rule: string, regle: string) => (): Breach => ({ code, rule, regle });

/** Names: a letter first, then letters, accents, apostrophes, spaces, dots, hyphens. */
const NOM = /^\p{L}[\p{L}\p{M}' .’-]{0,99}$/u;
/** Prénoms may also be separated by commas. */
const PRENOMS = /^\p{L}[\p{L}\p{M}' .,’-]{0,99}$/u;
/** Date, hours and minutes; optional seconds and milliseconds; optional Z or offset. */
const ISO_DATE_TIME = new RegExp(
  String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?` +
    String.raw`(?:Z|[+-]\d{2}:\d{2})?$`,
);
/** 0 to 20, up to three decimals, a comma or a dot; empty when the jury gives none. */
const MOYENNE = /^(?:20(?:[.,]0{1,3})?|1?\d(?:[.,]\d{1,3})?)?$/;

/**
 * name-formula, name-empty, name-too-long, name-characters: the most useful
 * thing to say about a name that failed its pattern. A leading =, +, - or @
 * would make a spreadsheet run it as a formula when the list is opened.
 */
export function nameBreach(value: string): (typeof NAME_RULES)[NameRuleCode] {
  if (/^[=+\-@]/.test(value)) return NAME_RULES['name-formula'];
  if (value === '') return NAME_RULES['name-empty'];
  if (value.length > 100) return NAME_RULES['name-too-long'];
  return NAME_RULES['name-characters'];
}

export const NAME_RULES = {
  'name-formula': {
    code: 'name-formula',
    rule: 'starts like a spreadsheet formula (=, +, -, @): refused',
    regle: 'commence comme une formule de tableur (=, +, -, @) : refusé',
  },
  'name-empty': { code: 'name-empty', rule: 'must not be empty', regle: 'ne doit pas être vide' },
  'name-too-long': {
    code: 'name-too-long',
    rule: 'longer than 100 characters',
    regle: 'plus de 100 caractères',
  },
  'name-characters': {
    code: 'name-characters',
    rule: 'only letters, spaces, apostrophes, hyphens and dots are allowed',
    regle: 'seuls les lettres, espaces, apostrophes, traits d’union et points sont admis',
  },
} as const satisfies Record<string, Breach>;
export type NameRuleCode = keyof typeof NAME_RULES;

/** Each column's rule; `serie` has none of its own (row.rules.ts checks it with the exam). */
export const CELL_RULES = {
  session: {
    schema: Session,
    breach: always(
      'session-format',
      'session must be YYYY-MM, e.g. 2024-06',
      'la session doit être au format AAAA-MM, par ex. 2024-06',
    ),
  },
  academie: {
    schema: AcademieSlug,
    breach: always('academie-unknown', 'unknown académie slug', 'académie inconnue'),
  },
  numero_candidat: {
    schema: CandidateNumber,
    breach: always(
      'numero-format',
      'candidate number must be 6 to 15 digits or capital letters',
      'le numéro de candidat doit comporter 6 à 15 chiffres ou majuscules',
    ),
  },
  nom: { schema: text(NOM), breach: nameBreach },
  prenoms: { schema: text(PRENOMS), breach: nameBreach },
  date_naissance: {
    schema: text(/^\d{2}\/\d{2}\/\d{4}$/),
    breach: always(
      'birth-date-format',
      'birth date must be dd/mm/yyyy',
      'la date de naissance doit être au format jj/mm/aaaa',
    ),
  },
  uai: {
    schema: text(/^\d{7}[A-Z]$/),
    breach: always(
      'uai-format',
      'UAI must be 7 digits and a capital check letter',
      'l’UAI doit comporter 7 chiffres et une lettre clé majuscule',
    ),
  },
  departement: {
    schema: text(/^(?:\d{2,3}|2[AB])$/),
    breach: always(
      'departement-format',
      'département code must be like 04, 13, 2A or 971',
      'code département attendu comme 04, 13, 2A ou 971',
    ),
  },
  examen: {
    schema: Examen,
    breach: always(
      'examen-unknown',
      'examen must be BCG, BTN or BCP',
      'examen attendu : BCG, BTN ou BCP',
    ),
  },
  groupe: {
    schema: GroupeText.in,
    breach: always('groupe-invalid', 'groupe must be 1 or 2', 'le groupe doit valoir 1 ou 2'),
  },
  decision: {
    schema: DecisionCode,
    breach: always(
      'decision-unknown',
      'decision must be ADMIS, AJOURNE, SECOND_GROUPE, ELIMINE or REMPLACEMENT',
      'décision attendue : ADMIS, AJOURNE, SECOND_GROUPE, ELIMINE ou REMPLACEMENT',
    ),
  },
  mention: {
    schema: z.enum(['', ...Mention.options]),
    breach: always(
      'mention-unknown',
      'mention must be empty, AB, B, TB or TBF',
      'mention attendue : vide, AB, B, TB ou TBF',
    ),
  },
  moyenne: {
    schema: text(MOYENNE),
    breach: always(
      'moyenne-format',
      'average must be a number from 0 to 20, with a comma or a dot',
      'la moyenne doit être un nombre de 0 à 20, avec virgule ou point',
    ),
  },
  accord_publication: {
    /** Consent to appear on the name lists: O, N or empty (no). */
    schema: z.enum(['', 'O', 'N', 'o', 'n']),
    breach: always(
      'accord-invalid',
      'accord_publication must be O, N or empty',
      'accord_publication doit valoir O, N ou rester vide',
    ),
  },
  jury: {
    schema: text(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/),
    breach: always(
      'jury-format',
      'jury must be 1 to 32 letters, digits, spaces or . _ / -',
      'le jury doit comporter 1 à 32 lettres, chiffres, espaces ou . _ / -',
    ),
  },
  deliberation: {
    /** Without an offset, the académie's time zone (row.rules.ts). */
    schema: text(ISO_DATE_TIME),
    breach: always(
      'deliberation-format',
      'deliberation must be an ISO date-time, e.g. 2024-07-05T14:30:00+02:00',
      'la délibération doit être une date-heure ISO, par ex. 2024-07-05T14:30:00+02:00',
    ),
  },
} satisfies Record<
  Exclude<CsvV1Column, 'serie'>,
  { schema: z.ZodType; breach: (v: string) => Breach }
>;

export type RuledColumn = keyof typeof CELL_RULES;
export const isRuledColumn = (c: unknown): c is RuledColumn =>
  typeof c === 'string' && Object.hasOwn(CELL_RULES, c);

/**
 * Every cell of a row, as text: one schema, so one pass, for a valid row.
 * No transforms here (they cost more than all the patterns together):
 * cellValues says what the cells mean.
 */
export const DecisionCells = z.object({
  session: CELL_RULES.session.schema,
  academie: CELL_RULES.academie.schema,
  numero_candidat: CELL_RULES.numero_candidat.schema,
  nom: CELL_RULES.nom.schema,
  prenoms: CELL_RULES.prenoms.schema,
  date_naissance: CELL_RULES.date_naissance.schema,
  uai: CELL_RULES.uai.schema,
  departement: CELL_RULES.departement.schema,
  examen: CELL_RULES.examen.schema,
  serie: z.string(),
  groupe: CELL_RULES.groupe.schema,
  decision: CELL_RULES.decision.schema,
  mention: CELL_RULES.mention.schema,
  moyenne: CELL_RULES.moyenne.schema,
  accord_publication: CELL_RULES.accord_publication.schema,
  jury: CELL_RULES.jury.schema,
  deliberation: CELL_RULES.deliberation.schema,
});
export type DecisionCells = z.infer<typeof DecisionCells>;

/** What the cells that passed their rules mean: the rules between cells read these. */
export interface CellValues extends Omit<
  DecisionCells,
  'groupe' | 'mention' | 'moyenne' | 'accord_publication'
> {
  groupe: Groupe;
  /** Empty: no mention. */
  mention: Mention | null;
  /** Empty: no average given. */
  moyenne: number | null;
  /** O (either case): consents to the name lists; N or empty: does not. */
  accord_publication: boolean;
}

export function cellValues(cells: Partial<DecisionCells>): Partial<CellValues> {
  const { groupe, mention, moyenne, accord_publication, ...same } = cells;
  const values: Partial<CellValues> = same;
  if (groupe !== undefined) values.groupe = groupe === '1' ? 1 : 2;
  if (mention !== undefined) values.mention = mention === '' ? null : mention;
  if (moyenne !== undefined)
    values.moyenne = moyenne === '' ? null : Number(moyenne.replace(',', '.'));
  if (accord_publication !== undefined)
    values.accord_publication = accord_publication.toUpperCase() === 'O';
  return values;
}
