import { z } from 'zod';

/**
 * Shape of each cell of a format-v1 row. Error messages are rule codes (see
 * rule-messages.ts). Only regular expressions and enums here, no transforms
 * or refinements: zod then validates a row in about 2.5 µs instead of 6, and
 * this runs for every row of national files. Conversions happen in
 * validate-row.ts once the row is known valid, and so do the rules that need
 * reference data or several cells.
 */
export const NAME = /^\p{L}[\p{L}\p{M}' .’-]{0,99}$/u;
export const PRENOMS = /^\p{L}[\p{L}\p{M}' .,’-]{0,99}$/u;

export const RowSchema = z.object({
  session: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'session-format' }),
  academie: z.string().regex(/^[a-z]+(-[a-z]+)*$/, { error: 'academie-unknown' }),
  numero_candidat: z.string().regex(/^[0-9A-Z]{6,15}$/, { error: 'numero-format' }),
  nom: z.string().regex(NAME, { error: 'name-characters' }),
  prenoms: z.string().regex(PRENOMS, { error: 'name-characters' }),
  date_naissance: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, { error: 'birth-date-format' }),
  uai: z.string().regex(/^\d{7}[A-Z]$/, { error: 'uai-format' }),
  departement: z.string().regex(/^(\d{2,3}|2[AB])$/, { error: 'departement-format' }),
  examen: z.enum(['BCG', 'BTN', 'BCP'], { error: 'examen-unknown' }),
  serie: z.string(),
  groupe: z.enum(['1', '2'], { error: 'groupe-invalid' }),
  decision: z.enum(['ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT'], { error: 'decision-unknown' }),
  mention: z.enum(['', 'AB', 'B', 'TB', 'TBF'], { error: 'mention-unknown' }),
  moyenne: z.string().regex(/^((20([.,]0{1,3})?)|(1?\d([.,]\d{1,3})?))?$/, { error: 'moyenne-format' }),
  accord_publication: z.enum(['', 'O', 'N', 'o', 'n'], { error: 'accord-invalid' }),
  jury: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/, { error: 'jury-format' }),
  deliberation: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, { error: 'deliberation-format' }),
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
export interface ParsedRow extends Omit<RawRow, 'groupe' | 'mention' | 'moyenne' | 'accord_publication'> {
  groupe: 1 | 2;
  mention: 'AB' | 'B' | 'TB' | 'TBF' | null;
  moyenne: number | null;
  accord_publication: boolean;
}

/** One cell's typed value (the slow path of invalid rows, which converts cell by cell). */
export function convertCell(column: keyof RawRow, value: string): unknown {
  const one = { groupe: '1', mention: '', moyenne: '', accord_publication: '', [column]: value } as RawRow;
  return convertRow(one)[column];
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
