import { z } from 'zod';

/**
 * Shape of each cell of a format-v1 row, checked one column at a time. Error
 * messages are rule codes (see rule-messages.ts). Rules that need reference
 * data or several cells live in validate-row.ts.
 */
const FORMULA_START = /^[=+\-@]/;
const NAME = /^\p{L}[\p{L}\p{M}' .’-]*$/u;
const PRENOMS = /^\p{L}[\p{L}\p{M}' .,’-]*$/u;

const name = (pattern: RegExp) =>
  z
    .string()
    // First: a formula is the most important thing to say about such a cell.
    .refine((s) => !FORMULA_START.test(s), { error: 'name-formula', abort: true })
    .min(1, { error: 'name-empty' })
    .max(100, { error: 'name-too-long' })
    .regex(pattern, { error: 'name-characters' });

export const RowSchema = z.object({
  session: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'session-format' }),
  academie: z.string().regex(/^[a-z]+(-[a-z]+)*$/, { error: 'academie-unknown' }),
  numero_candidat: z.string().regex(/^[0-9A-Z]{6,15}$/, { error: 'numero-format' }),
  nom: name(NAME),
  prenoms: name(PRENOMS),
  date_naissance: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, { error: 'birth-date-format' }),
  uai: z.string().regex(/^\d{7}[A-Z]$/, { error: 'uai-format' }),
  departement: z.string().regex(/^(\d{2,3}|2[AB])$/, { error: 'departement-format' }),
  examen: z.enum(['BCG', 'BTN', 'BCP'], { error: 'examen-unknown' }),
  serie: z.string(),
  groupe: z.enum(['1', '2'], { error: 'groupe-invalid' }).transform((g) => (g === '1' ? 1 : 2) as 1 | 2),
  decision: z.enum(['ADMIS', 'AJOURNE', 'SECOND_GROUPE', 'ELIMINE', 'REMPLACEMENT'], { error: 'decision-unknown' }),
  mention: z
    .enum(['', 'AB', 'B', 'TB', 'TBF'], { error: 'mention-unknown' })
    .transform((m) => (m === '' ? null : m)),
  moyenne: z
    .string()
    .regex(/^((20([.,]0{1,3})?)|(1?\d([.,]\d{1,3})?))?$/, { error: 'moyenne-format' })
    .transform((s) => (s === '' ? null : Number(s.replace(',', '.')))),
  accord_publication: z.enum(['', 'O', 'N', 'o', 'n'], { error: 'accord-invalid' }).transform((a) => a.toUpperCase() === 'O'),
  jury: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/, { error: 'jury-format' }),
  deliberation: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, { error: 'deliberation-format' }),
});

export type ParsedRow = z.infer<typeof RowSchema>;
