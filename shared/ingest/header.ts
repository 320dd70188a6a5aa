import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';
import type { IngestIssue } from './ingest-issue.js';
import { ruleMessage } from './rule-messages.js';

export type HeaderResult =
  { ok: true; columnIndex: Record<CsvV1Column, number> } | { ok: false; issues: IngestIssue[] };

/** Maps the header row to column positions; names are matched ignoring case and surrounding spaces. */
export function readHeader(cells: readonly string[]): HeaderResult {
  const issues: IngestIssue[] = [];
  const known = new Set<string>(CSV_V1_COLUMNS);
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase();
    const at = { line: 1, columnIndex: i + 1, value: cell };
    if (!known.has(name))
      issues.push({
        ...at,
        code: 'header-unknown-column',
        ...ruleMessage('header-unknown-column', { column: cell }),
      });
    else if (index.has(name))
      issues.push({
        ...at,
        code: 'header-duplicate-column',
        ...ruleMessage('header-duplicate-column', { column: name }),
      });
    else index.set(name, i);
  });
  for (const column of CSV_V1_COLUMNS) {
    if (!index.has(column))
      issues.push({
        line: 1,
        code: 'header-missing-column',
        ...ruleMessage('header-missing-column', { column }),
      });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, columnIndex: Object.fromEntries(index) as Record<CsvV1Column, number> };
}
