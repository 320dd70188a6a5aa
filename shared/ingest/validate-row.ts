import type { Decision } from '../domain/decision.schema.js';
import { findAcademie, type Academie } from '../domain/reference/academies.js';
import { uaiCheckLetter } from '../domain/reference/uai.js';
import { mentionForAverage, mentionsAllowed } from '../domain/rules/mention.js';
import { checkAverageForDecision, decisionsAllowed } from '../domain/rules/outcome.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';
import { showValue, type IngestIssue } from './ingest-issue.js';
import { convertCell, convertRow, nameIssue, RowSchema, type ParsedRow } from './row.schema.js';
import { ruleMessage } from './rule-messages.js';
import { birthDate, deliberationUtc, serieOf, uaiValid } from './row-lookups.js';

export type RowResult = { ok: true; decision: Decision } | { ok: false; issues: IngestIssue[] };

/**
 * Validates one row and normalises it into a Decision. Reports every rule the
 * row breaks, each with its column, not just the first.
 */
export class RowValidator {
  // The row being validated: fields rather than closures, since this runs for every row of national files.
  private line = 0;
  private raw = {} as Record<CsvV1Column, string>;
  private issues: IngestIssue[] = [];

  /** columnIndex[c] = position (0-based) of column c in this file. */
  constructor(private readonly columnIndex: Record<CsvV1Column, number>) {}

  private add(column: CsvV1Column, code: string, params?: Record<string, string | number>): void {
    this.issues.push({
      line: this.line,
      column,
      columnIndex: this.columnIndex[column] + 1,
      value: showValue(this.raw[column]),
      code,
      ...ruleMessage(code, params),
    });
  }

  validate(cells: readonly string[], line: number): RowResult {
    const raw = {} as Record<CsvV1Column, string>;
    for (const c of CSV_V1_COLUMNS) raw[c] = (cells[this.columnIndex[c]] ?? '').trim();
    this.line = line;
    this.raw = raw;
    this.issues = [];

    const parsed = RowSchema.safeParse(raw);
    let row: Partial<ParsedRow>;
    if (parsed.success) {
      row = convertRow(parsed.data);
    } else {
      // Slow path, bad rows only: keep the cells that are valid so the
      // cross-column rules can still report what else is wrong.
      row = {};
      const reported = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] as CsvV1Column;
        const code =
          column === 'nom' || column === 'prenoms' ? nameIssue(raw[column]) : issue.message;
        if (!reported.has(column)) this.add(column, code);
        reported.add(column);
      }
      for (const c of CSV_V1_COLUMNS) {
        if (reported.has(c)) continue;
        const one = RowSchema.shape[c].safeParse(raw[c]);
        if (one.success) (row as Record<string, unknown>)[c] = convertCell(c, raw[c]);
      }
    }

    const academie = row.academie !== undefined ? findAcademie(row.academie) : undefined;
    if (row.academie !== undefined && !academie) this.add('academie', 'academie-unknown');
    const out = this.crossChecks(row, academie);
    if (this.issues.length > 0 || !out) return { ok: false, issues: this.issues };
    return { ok: true, decision: out };
  }

  private crossChecks(r: Partial<ParsedRow>, academie: Academie | undefined): Decision | null {
    const raw = this.raw;
    if (r.uai !== undefined && !uaiValid(r.uai))
      this.add('uai', 'uai-check-letter', { expected: uaiCheckLetter(r.uai.slice(0, 7)) });
    if (academie && r.departement !== undefined && !academie.departements.includes(r.departement)) {
      this.add('departement', 'departement-academie', { academie: academie.slug });
    }

    let dateNaissance: string | null = null;
    if (r.date_naissance !== undefined) {
      dateNaissance = birthDate(r.date_naissance);
      if (!dateNaissance) this.add('date_naissance', 'birth-date-invalid');
      else if (r.session !== undefined) {
        const age = Number(r.session.slice(0, 4)) - Number(dateNaissance.slice(0, 4));
        if (age < 12 || age > 100) this.add('date_naissance', 'birth-date-implausible');
      }
    }

    let serie: string | null | undefined;
    if (r.examen !== undefined && r.session !== undefined) {
      const check = serieOf(r.examen, r.session, raw.serie);
      if (check.ok) serie = check.serie;
      else this.add('serie', 'serie-invalid', { detail: check.rule });
    }

    if (
      r.groupe !== undefined &&
      r.decision !== undefined &&
      !decisionsAllowed(r.groupe).includes(r.decision)
    ) {
      this.add('decision', 'decision-groupe');
    }
    if (r.mention) {
      if (
        r.decision !== undefined &&
        r.groupe !== undefined &&
        (r.decision !== 'ADMIS' || r.groupe !== 1)
      ) {
        this.add('mention', 'mention-not-admis');
      } else if (r.examen !== undefined && !mentionsAllowed(r.examen).includes(r.mention)) {
        this.add('mention', 'mention-tbf-bcp');
      }
    }
    const mentionExists =
      r.mention == null ||
      (r.examen !== undefined && mentionsAllowed(r.examen).includes(r.mention));
    if (
      r.examen !== undefined &&
      r.groupe === 1 &&
      r.decision === 'ADMIS' &&
      typeof r.moyenne === 'number' &&
      r.mention !== undefined &&
      mentionExists
    ) {
      const expected = mentionForAverage(r.examen, r.moyenne);
      if (expected !== r.mention)
        this.add('mention', 'mention-average', {
          moyenne: raw.moyenne,
          expected: expected ?? '(none)',
        });
    }
    if (
      r.examen !== undefined &&
      r.groupe !== undefined &&
      r.decision !== undefined &&
      r.moyenne !== undefined
    ) {
      const problem = checkAverageForDecision(r.examen, r.groupe, r.decision, r.moyenne);
      if (problem) this.add('moyenne', 'moyenne-decision', { detail: problem });
    }

    let deliberation: string | null = null;
    if (r.deliberation !== undefined) {
      deliberation = deliberationUtc(academie?.timeZone ?? 'Europe/Paris', r.deliberation);
      if (!deliberation) this.add('deliberation', 'deliberation-format');
    }

    if (
      !academie ||
      r.session === undefined ||
      r.numero_candidat === undefined ||
      r.nom === undefined ||
      r.prenoms === undefined ||
      !dateNaissance ||
      r.uai === undefined ||
      r.departement === undefined ||
      r.examen === undefined ||
      serie === undefined ||
      r.groupe === undefined ||
      r.decision === undefined ||
      r.mention === undefined ||
      r.moyenne === undefined ||
      r.accord_publication === undefined ||
      r.jury === undefined ||
      !deliberation
    ) {
      return null;
    }
    return {
      session: r.session,
      academie: academie.slug,
      numero: r.numero_candidat,
      nom: r.nom,
      prenoms: r.prenoms,
      dateNaissance,
      uai: r.uai,
      departement: r.departement,
      examen: r.examen,
      serie,
      groupe: r.groupe,
      decision: r.decision,
      mention: r.mention,
      moyenne: r.moyenne,
      accordPublication: r.accord_publication,
      jury: r.jury,
      deliberation,
    };
  }
}
