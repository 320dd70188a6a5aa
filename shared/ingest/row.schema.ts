import { z } from 'zod';
import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';

/**
 * What each cell of a format-v1 row must look like, as a zod schema that
 * reports each failing cell with its rule code: the reference path of
 * validate-row.ts. The fast path of valid rows (fast-row.ts) checks the same
 * patterns with charCode tests; fast-path.property.test.ts keeps them in
 * agreement. Only patterns here: rules that need reference data or several
 * cells live in validate-row.ts. Each pattern has the rule code reported
 * when it fails.
 */
const ENUMS = {
  examen: ['BCG', 'BTN', 'BCP'],
  groupe: ['1', '2'],
  decision: ['ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT'],
  mention: ['', 'AB', 'B', 'TB', 'TBF'],
  accord_publication: ['', 'O', 'N', 'o', 'n'],
} as const;

const CELLS: Record<CsvV1Column, { pattern: string; code: string }> = {
  session: { pattern: String.raw`\d{4}-(?:0[1-9]|1[0-2])`, code: 'session-format' },
  academie: { pattern: String.raw`[a-z]+(?:-[a-z]+)*`, code: 'academie-unknown' },
  numero_candidat: { pattern: String.raw`[0-9A-Z]{6,15}`, code: 'numero-format' },
  nom: { pattern: String.raw`\p{L}[\p{L}\p{M}' .’-]{0,99}`, code: 'name-characters' },
  prenoms: { pattern: String.raw`\p{L}[\p{L}\p{M}' .,’-]{0,99}`, code: 'name-characters' },
  date_naissance: { pattern: String.raw`\d{2}/\d{2}/\d{4}`, code: 'birth-date-format' },
  uai: { pattern: String.raw`\d{7}[A-Z]`, code: 'uai-format' },
  departement: { pattern: String.raw`\d{2,3}|2[AB]`, code: 'departement-format' },
  examen: { pattern: ENUMS.examen.join('|'), code: 'examen-unknown' },
  serie: { pattern: '[^;"]*', code: 'serie-invalid' },
  groupe: { pattern: ENUMS.groupe.join('|'), code: 'groupe-invalid' },
  decision: { pattern: ENUMS.decision.join('|'), code: 'decision-unknown' },
  mention: { pattern: ENUMS.mention.join('|'), code: 'mention-unknown' },
  moyenne: {
    pattern: String.raw`(?:20(?:[.,]0{1,3})?|1?\d(?:[.,]\d{1,3})?)?`,
    code: 'moyenne-format',
  },
  accord_publication: { pattern: ENUMS.accord_publication.join('|'), code: 'accord-invalid' },
  jury: { pattern: String.raw`[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}`, code: 'jury-format' },
  deliberation: {
    pattern: String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?`,
    code: 'deliberation-format',
  },
};

const cell = (c: CsvV1Column) =>
  z.string().regex(new RegExp(`^(?:${CELLS[c].pattern})$`, 'u'), { error: CELLS[c].code });
const oneOf = <C extends keyof typeof ENUMS>(c: C) => z.enum(ENUMS[c], { error: CELLS[c].code });

/** Per-cell schema: zod reports each failing cell with its rule code. */
export const RowSchema = z.object({
  ...(Object.fromEntries(CSV_V1_COLUMNS.map((c) => [c, cell(c)])) as Record<
    Exclude<CsvV1Column, keyof typeof ENUMS>,
    z.ZodString
  >),
  examen: oneOf('examen'),
  groupe: oneOf('groupe'),
  decision: oneOf('decision'),
  mention: oneOf('mention'),
  accord_publication: oneOf('accord_publication'),
});

export type RawRow = z.infer<typeof RowSchema>;

/** The most useful thing to say about a name cell that failed its pattern. */
export function nameIssue(value: string): string {
  if (/^[=+\-@]/.test(value)) return 'name-formula';
  if (value === '') return 'name-empty';
  if (value.length > 100) return 'name-too-long';
  return 'name-characters';
}

/** Typed values of a valid row's cells. */
export interface ParsedRow extends Omit<
  RawRow,
  'groupe' | 'mention' | 'moyenne' | 'accord_publication'
> {
  groupe: 1 | 2;
  mention: 'AB' | 'B' | 'TB' | 'TBF' | null;
  moyenne: number | null;
  accord_publication: boolean;
}

export function convertRow(raw: RawRow): ParsedRow {
  return {
    ...raw,
    groupe: raw.groupe === '1' ? 1 : 2,
    mention: raw.mention === '' ? null : raw.mention,
    moyenne: raw.moyenne === '' ? null : Number(raw.moyenne.replace(',', '.')),
    accord_publication: raw.accord_publication.toUpperCase() === 'O',
  };
}

/** One cell's typed value (the slow path of invalid rows, which converts cell by cell). */
export function convertCell(column: keyof RawRow, value: string): unknown {
  const one = {
    groupe: '1',
    mention: '',
    moyenne: '',
    accord_publication: '',
    [column]: value,
  } as RawRow;
  return convertRow(one)[column];
}
