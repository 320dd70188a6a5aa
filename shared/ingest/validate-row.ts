import type { CellBreach } from '../domain/rules/breach.js';
import { CELL_RULES, DecisionCells, isRuledColumn } from '../domain/rules/cell.rules.js';
import { decisionOf, rowBreaches, rowUnderCheck } from '../domain/rules/row.rules.js';
import type { Decision } from '../domain/decision.schema.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';
import { issueAt, showValue, type IngestIssue } from './ingest-issue.js';

export type RowResult = { ok: true; decision: Decision } | { ok: false; issues: IngestIssue[] };

/**
 * Checks one row against the cell rules, then the row rules (both in
 * shared/domain/rules), and gives its decision. Reports every rule the row
 * breaks, each with its column, not just the first.
 */
export class RowValidator {
  /** columnIndex[c] = position (0-based) of column c in this file. */
  constructor(private readonly columnIndex: Record<CsvV1Column, number>) {}

  validate(cells: readonly string[], line: number): RowResult {
    const text = {} as Record<CsvV1Column, string>; // every column, set just below
    for (const c of CSV_V1_COLUMNS) text[c] = (cells[this.columnIndex[c]] ?? '').trim();
    const parsed = DecisionCells.safeParse(text);
    const breaches: CellBreach[] = [];
    let typed: Partial<DecisionCells>;
    if (parsed.success) typed = parsed.data;
    else {
      // A bad row: each failing cell's breach, then the row rules on the cells that passed.
      const failing = new Set<CsvV1Column>();
      for (const issue of parsed.error.issues) {
        const column = issue.path[0];
        if (!isRuledColumn(column) || failing.has(column)) continue;
        failing.add(column);
        breaches.push({ ...CELL_RULES[column].breach(text[column]), column });
      }
      const valid = CSV_V1_COLUMNS.filter((c) => !failing.has(c)).map((c) => [c, text[c]]);
      typed = DecisionCells.partial().parse(Object.fromEntries(valid));
    }
    const row = rowUnderCheck(text, typed);
    breaches.push(...rowBreaches(row));
    if (breaches.length > 0) {
      const issues = breaches.map((b) =>
        issueAt(line, b, {
          columnIndex: this.columnIndex[b.column] + 1,
          value: showValue(text[b.column]),
        }),
      );
      return { ok: false, issues };
    }
    const decision = decisionOf(row);
    // Every look-up decisionOf makes, a rule has made: a row no rule refuses has its decision.
    if (!decision) throw new Error(`line ${line}: a row every rule accepts gave no decision`);
    return { ok: true, decision };
  }
}
