import type { Decision } from '../domain/decision.schema.js';
import { csvSyntax, fieldCount } from '../domain/rules/reading.rules.js';
import { csvRecords } from './csv-records.js';
import type { CsvV1Column } from './format-v1.js';
import { issueAt, type IngestIssue } from './ingest-issue.js';
import { addFacts, type ChunkFacts } from './row-facts.js';
import type { TextChunk } from './text-chunks.js';
import { RowValidator } from './validate-row.js';

/** Issues kept in memory at most; beyond, they are only counted. */
export const MAX_ISSUES = 10_000;

export interface ChunkOutcome {
  rows: number;
  issueCount: number;
  issues: IngestIssue[];
  /** What the whole-file rules need of each valid row (see row-facts.ts). */
  facts: ChunkFacts;
}

/** A valid row: its decision and its line. */
export type DecisionSink = (d: Decision, line: number) => void;

/**
 * Reads and checks one chunk of whole records: its CSV syntax, then each
 * row's field count, cells and row rules. `onDecision` receives each valid
 * decision (the later passes); the facts are collected for the checking pass.
 */
export function validateChunk(
  chunk: TextChunk,
  columnIndex: Record<CsvV1Column, number>,
  options: { collectFacts: boolean; onDecision?: DecisionSink },
): ChunkOutcome {
  const validator = new RowValidator(columnIndex);
  const expected = Object.keys(columnIndex).length;
  const out: ChunkOutcome = { rows: 0, issueCount: 0, issues: [], facts: new Map() };
  const report = (issue: IngestIssue) => {
    out.issueCount++;
    if (out.issues.length < MAX_ISSUES) out.issues.push(issue);
  };
  for (const record of csvRecords(chunk)) {
    if ('syntaxError' in record) {
      report(issueAt(record.line, csvSyntax(record.syntaxError)));
      continue;
    }
    const { cells, line } = record;
    if (cells.length === 1 && cells[0]?.trim() === '') continue; // a blank line
    out.rows++;
    if (cells.length !== expected) {
      report(issueAt(line, fieldCount(expected, cells.length)));
      continue;
    }
    const checked = validator.validate(cells, line);
    if (!checked.ok) {
      for (const issue of checked.issues) report(issue);
      continue;
    }
    if (options.collectFacts) addFacts(out.facts, checked.decision, line);
    options.onDecision?.(checked.decision, line);
  }
  return out;
}
