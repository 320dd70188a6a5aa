// The file `publibac stats import-previous` reads: a previous session's
// figures as a rectorat has them (its own final figures, a press release).
//
// Format (CSV, ";" separator, header row, UTF-8 with or without BOM, or
// Windows-1252; columns in any order, all required):
//   academie;session;groupe;niveau;code;presents;admis;taux_reussite
//   amiens;2023-06;2;academie;amiens;20099;17900;89,1
//   amiens;2023-06;2;departement;02;5296;4650;87,8
//   amiens;2023-06;2;serie;BTN/STMG;;;85,6
// - academie: slug; session: YYYY-MM; groupe: 1 (after the first group) or 2;
// - niveau and code, as in the statistics downloads: academie (the slug),
//   departement ("02", of the académie), voie (BCG|BTN|BCP), voie-departement
//   ("BTN/02"), serie ("BTN/STMG", "BCG/S" before 2021), domaine
//   ("BCP/Services"|"BCP/Production"), specialite ("BCP/Commerce");
// - presents and admis: whole numbers, both or neither (spaces allowed as
//   thousands separators); taux_reussite: a percentage with at most one
//   decimal ("89,1" or "89.1"), required without counts, and when both are
//   given it must be the counts' rate rounded to a tenth.
// Each (academie, session, groupe) found replaces what was stored for it.
// The whole file is checked first; one error and nothing is stored.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { findAcademie } from '../domain/reference/academies.js';
import { Examen, SESSION_PATTERN } from '../domain/vocabulary.js';
import { SERIES_BCG_PRE2021, SERIES_BTN, findSpecialite } from '../domain/reference/exams.js';
import { ratioDixiemes } from './counts.js';
import type { PreviousFigureRow, PreviousFigures } from './previous-figures.js';
import { NIVEAUX, type Niveau } from './stats.types.js';

export const PREVIOUS_FIGURES_COLUMNS = [
  'academie',
  'session',
  'groupe',
  'niveau',
  'code',
  'presents',
  'admis',
  'taux_reussite',
] as const;
type Column = (typeof PREVIOUS_FIGURES_COLUMNS)[number];

export interface FileIssue {
  line: number;
  column?: Column;
  columnIndex?: number;
  value?: string;
  /** Stable identifier of the rule. */
  code: string;
  rule: string;
}

export function formatFileIssue(file: string, i: FileIssue): string {
  const where = `${file}:${i.line}${i.columnIndex ? `:${i.columnIndex}` : ''}`;
  const column = i.column ? ` column ${i.column}` : '';
  const value = i.value !== undefined ? ` "${i.value}"` : '';
  return `${where}${column}${value}: ${i.rule} [${i.code}]`;
}

const count = z
  .string()
  .transform((s) => s.replace(/[\s\u00a0\u202f]/g, ''))
  .pipe(
    z.union([
      z.literal(''),
      z.string().regex(/^\d{1,9}$/, { error: 'a whole number of candidates' }),
    ]),
  );

const Row = z
  .object({
    academie: z
      .string()
      .refine((s) => findAcademie(s) !== undefined, { error: 'unknown académie slug' }),
    session: z.string().regex(SESSION_PATTERN, { error: 'session must be YYYY-MM' }),
    groupe: z.enum(['1', '2'], { error: 'groupe must be 1 or 2' }),
    niveau: z.enum(NIVEAUX as [Niveau, ...Niveau[]], {
      error: `niveau must be one of ${NIVEAUX.join(', ')}`,
    }),
    code: z.string().min(1, { error: 'code is required' }),
    presents: count,
    admis: count,
    taux_reussite: z.string().regex(/^(?:100(?:[.,]0)?|\d{1,2}(?:[.,]\d)?)?$/, {
      error: 'a percentage from 0 to 100 with at most one decimal',
    }),
  })
  .superRefine((r, ctx) => {
    const err = (path: Column, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const checked = canonicalCode(r.niveau, r.code, r.academie, r.session);
    if (typeof checked !== 'string') err('code', checked.error);
    if ((r.presents === '') !== (r.admis === ''))
      err(r.presents === '' ? 'presents' : 'admis', 'give both presents and admis, or neither');
    if (r.presents === '' && r.taux_reussite === '')
      err('taux_reussite', 'taux_reussite is required without presents and admis');
    if (r.presents !== '' && r.admis !== '') {
      const [p, a] = [Number(r.presents), Number(r.admis)];
      if (p === 0) err('presents', 'presents must be positive');
      else if (a > p) err('admis', 'admis cannot exceed presents');
      else if (r.taux_reussite !== '' && tenths(r.taux_reussite) !== ratioDixiemes(a, p)) {
        err(
          'taux_reussite',
          `does not match admis / presents (${((ratioDixiemes(a, p) ?? 0) / 10).toFixed(1)})`,
        );
      }
    }
  });

const tenths = (s: string) => Math.round(Number(s.replace(',', '.')) * 10);

/** The stored form of a code, or why it is wrong for its niveau. */
export function canonicalCode(
  niveau: Niveau,
  code: string,
  slug: string,
  session: string,
): string | { error: string } {
  const a = findAcademie(slug);
  if (!a) return { error: 'unknown académie' };
  const [head, ...rest] = code.split('/');
  const tail = rest.join('/');
  const dep = (d: string) =>
    a.departements.includes(d)
      ? null
      : `département ${d} is not in académie ${slug} (${a.departements.join(', ')})`;
  switch (niveau) {
    case 'academie':
      return code === slug
        ? code
        : { error: `code of the academie niveau must be the académie slug "${slug}"` };
    case 'departement': {
      const error = dep(code);
      return error === null ? code : { error };
    }
    case 'voie':
      return Examen.safeParse(code).success ? code : { error: 'voie must be BCG, BTN or BCP' };
    case 'voie-departement': {
      if (!Examen.safeParse(head).success)
        return { error: 'code must be VOIE/DEPARTEMENT, e.g. BTN/02' };
      const error = dep(tail);
      return error === null ? code : { error };
    }
    case 'serie': {
      const pre2021 = Number(session.slice(0, 4)) < 2021;
      if (head === 'BTN' && SERIES_BTN.includes(tail)) return code;
      if (head === 'BCG' && pre2021 && SERIES_BCG_PRE2021.includes(tail)) return code;
      return {
        error: `série must be BTN/<${SERIES_BTN.join('|')}>${pre2021 ? ' or BCG/<ES|L|S>' : ''}`,
      };
    }
    case 'domaine':
      return code === 'BCP/Production' || code === 'BCP/Services'
        ? code
        : { error: 'domaine must be BCP/Production or BCP/Services' };
    case 'specialite': {
      const s = head === 'BCP' ? findSpecialite(tail) : undefined;
      return s
        ? `BCP/${s.name}`
        : { error: 'specialite must be BCP/<a spécialité of the professional bac>' };
    }
  }
}

/** What csv-parse returns with `info: true`, checked rather than cast. */
const Records = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }),
);

export type ParseResult =
  { ok: true; sets: PreviousFigures[] } | { ok: false; issues: FileIssue[] };

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}

export function parsePreviousFiguresFile(bytes: Uint8Array): ParseResult {
  let records: z.infer<typeof Records>;
  try {
    records = Records.parse(
      parse(decode(bytes), { delimiter: ';', info: true, skip_empty_lines: true, trim: true }),
    );
  } catch (err) {
    const line =
      typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    return {
      ok: false,
      issues: [
        {
          line,
          code: 'csv-syntax',
          rule: `not a ";"-separated CSV: ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
    };
  }
  const [header, ...rows] = records;
  if (!header)
    return { ok: false, issues: [{ line: 1, code: 'empty-file', rule: 'the file is empty' }] };
  const names = header.record;
  const missing = PREVIOUS_FIGURES_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(PREVIOUS_FIGURES_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return {
      ok: false,
      issues: [
        {
          line: 1,
          code: 'header',
          rule:
            `header must name the columns ${PREVIOUS_FIGURES_COLUMNS.join(';')} ` +
            `(${parts.join('; ')})`,
        },
      ],
    };
  }

  const issues: FileIssue[] = [];
  const sets = new Map<string, PreviousFigures>();
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const raw = Object.fromEntries(names.map((n, i) => [n, record[i] ?? '']));
    const parsed = Row.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const column = i.path[0] as Column;
        issues.push({
          line: info.lines,
          column,
          columnIndex: names.indexOf(column) + 1,
          value: raw[column] ?? '',
          code: `${column}-invalid`,
          rule: i.message,
        });
      }
      continue;
    }
    const r = parsed.data;
    const code = canonicalCode(r.niveau, r.code, r.academie, r.session);
    if (typeof code !== 'string') continue; // refused above, with its issue
    const key = `${r.academie}|${r.session}|${r.groupe}|${r.niveau}|${code}`;
    const earlier = seen.get(key);
    if (earlier) {
      issues.push({
        line: info.lines,
        column: 'code',
        columnIndex: names.indexOf('code') + 1,
        value: r.code,
        code: 'duplicate',
        rule: `same académie, session, groupe, niveau and code as line ${earlier}`,
      });
      continue;
    }
    seen.set(key, info.lines);
    const setKey = `${r.academie}|${r.session}|${r.groupe}`;
    const set = sets.get(setKey) ?? {
      academie: r.academie,
      session: r.session,
      groupe: r.groupe === '1' ? 1 : 2,
      source: 'import' as const,
      rows: [],
    };
    const hasCounts = r.presents !== '';
    // Présents are positive when given (refused above otherwise): the ratio is a number then.
    const ratio = hasCounts ? ratioDixiemes(Number(r.admis), Number(r.presents)) : null;
    const row: PreviousFigureRow = {
      niveau: r.niveau,
      code,
      presents: hasCounts ? Number(r.presents) : null,
      admis: hasCounts ? Number(r.admis) : null,
      tauxDixiemes: ratio ?? tenths(r.taux_reussite),
    };
    set.rows.push(row);
    sets.set(setKey, set);
  }
  if (rows.length === 0)
    issues.push({ line: 2, code: 'no-rows', rule: 'the file has a header but no figures' });
  return issues.length ? { ok: false, issues } : { ok: true, sets: [...sets.values()] };
}
