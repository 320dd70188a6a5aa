import {
  headerDuplicateColumn,
  headerMissingColumn,
  headerUnknownColumn,
} from '../domain/rules/reading.rules.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';
import { issueAt, type IngestIssue } from './ingest-issue.js';

export type HeaderResult =
  { ok: true; columnIndex: Record<CsvV1Column, number> } | { ok: false; issues: IngestIssue[] };

const isColumn = (name: string): name is CsvV1Column =>
  (CSV_V1_COLUMNS as readonly string[]).includes(name);

/** Maps the header row to column positions; names match ignoring case and surrounding spaces. */
export function readHeader(cells: readonly string[]): HeaderResult {
  const issues: IngestIssue[] = [];
  const index = new Map<CsvV1Column, number>();
  cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase();
    const at = { columnIndex: i + 1, value: cell };
    if (!isColumn(name)) issues.push(issueAt(1, headerUnknownColumn(cell), at));
    else if (index.has(name)) issues.push(issueAt(1, headerDuplicateColumn(name), at));
    else index.set(name, i);
  });
  for (const column of CSV_V1_COLUMNS)
    if (!index.has(column)) issues.push(issueAt(1, headerMissingColumn(column)));
  if (issues.length > 0) return { ok: false, issues };
  // Every column is in the map: the loop above found none missing.
  return { ok: true, columnIndex: Object.fromEntries(index) as Record<CsvV1Column, number> };
}
