import Papa from 'papaparse';
import type { Decision } from '../domain/decision.schema.js';
import type { CsvV1Column } from './format-v1.js';
import type { IngestIssue } from './ingest-issue.js';
import { ruleMessage } from './rule-messages.js';
import { packFacts } from './row-facts.js';
import type { TextChunk } from './text-chunks.js';
import { RowValidator } from './validate-row.js';

/** Issues kept in memory at most; beyond, they are only counted. */
export const MAX_ISSUES = 10_000;

export interface ChunkOutcome {
  rows: number;
  issueCount: number;
  issues: IngestIssue[];
  /** One packed record per valid row (see row-facts.ts), joined by newlines, for the whole-file rules. */
  facts: string;
}

/**
 * Parses and validates one chunk of whole records. `onDecision` receives each
 * valid decision (the writing pass); the facts are collected for the checking pass.
 */
export function validateChunk(
  chunk: TextChunk,
  columnIndex: Record<CsvV1Column, number>,
  options: { collectFacts: boolean; onDecision?: (d: Decision, line: number) => void },
): ChunkOutcome {
  const validator = new RowValidator(columnIndex);
  const expected = Object.keys(columnIndex).length;
  const out: ChunkOutcome = { rows: 0, issueCount: 0, issues: [], facts: '' };
  const facts: string[] = [];
  const report = (issue: IngestIssue) => {
    out.issueCount++;
    if (out.issues.length < MAX_ISSUES) out.issues.push(issue);
  };
  const text = chunk.text;
  let cursor = 0;
  let line = chunk.firstLine;
  Papa.parse<string[]>(text, {
    delimiter: ';',
    skipEmptyLines: false,
    step: (result) => {
      const start = cursor;
      cursor = result.meta.cursor;
      const rowLine = line;
      // Lines are counted on the raw text so quoted newlines keep numbers right.
      // (Papa's cursor points just past the row's line break.)
      for (let i = text.indexOf('\n', start); i !== -1 && i < cursor; i = text.indexOf('\n', i + 1)) line++;
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
      out.rows++;
      for (const e of result.errors) {
        report({ line: rowLine, code: 'csv-syntax', ...ruleMessage('csv-syntax', { detail: e.message }) });
      }
      if (result.errors.length > 0) return;
      if (cells.length !== expected) {
        report({ line: rowLine, code: 'field-count', ...ruleMessage('field-count', { expected, found: cells.length }) });
        return;
      }
      const checked = validator.validate(cells, rowLine);
      if (!checked.ok) {
        for (const issue of checked.issues) report(issue);
        return;
      }
      if (options.collectFacts) facts.push(packFacts(checked.decision, rowLine));
      options.onDecision?.(checked.decision, rowLine);
    },
  });
  out.facts = facts.join('\n');
  return out;
}
