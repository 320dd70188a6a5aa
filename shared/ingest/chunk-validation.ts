import Papa from 'papaparse';
import type { Decision } from '../domain/decision.schema.js';
import type { CsvV1Column } from './format-v1.js';
import type { IngestIssue } from './ingest-issue.js';
import { ruleMessage } from './rule-messages.js';
import { packFacts } from './row-facts.js';
import type { TextChunk } from './text-chunks.js';
import { RowValidator } from './validate-row.js';
import { lineSchema } from './row.schema.js';

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
  const row = (cells: readonly string[], line: number, shapeChecked: boolean) => {
    out.rows++;
    if (cells.length !== expected) {
      report({ line, code: 'field-count', ...ruleMessage('field-count', { expected, found: cells.length }) });
      return;
    }
    const checked = validator.validate(cells, line, shapeChecked);
    if (!checked.ok) {
      for (const issue of checked.issues) report(issue);
      return;
    }
    if (options.collectFacts) facts.push(packFacts(checked.decision, line));
    options.onDecision?.(checked.decision, line);
  };

  if (chunk.text.includes('"')) parseQuoted(chunk, row, report);
  else parsePlain(chunk, lineSchemaFor(columnIndex), row);
  out.facts = facts.join('\n');
  return out;
}

/** Keyed by column order, not by the index object: workers receive a fresh copy of it with every chunk. */
const lineSchemas = new Map<string, ReturnType<typeof lineSchema>>();
function lineSchemaFor(columnIndex: Record<CsvV1Column, number>) {
  const order = (Object.keys(columnIndex) as CsvV1Column[]).sort((a, b) => columnIndex[a] - columnIndex[b]);
  const key = order.join(';');
  let schema = lineSchemas.get(key);
  if (!schema) lineSchemas.set(key, (schema = lineSchema(order)));
  return schema;
}

type RowSink = (cells: readonly string[], line: number, shapeChecked: boolean) => void;

/**
 * Without a single quote character, CSV is exactly lines split on ";": the
 * common case, and the fast one. A line the whole-line schema accepts skips
 * the per-cell schema; any other line gets the per-cell diagnostics.
 */
function parsePlain(chunk: TextChunk, schema: ReturnType<typeof lineSchema>, row: RowSink): void {
  const text = chunk.text;
  let line = chunk.firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const content = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (content.trim() === '') continue;
    row(content.split(';'), line, schema.safeParse(content).success);
  }
}

/** Quoted fields may hold separators and line breaks: Papa Parse reads those chunks. */
function parseQuoted(chunk: TextChunk, row: RowSink, report: (issue: IngestIssue) => void): void {
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
      if (result.errors.length > 0) {
        for (const e of result.errors) report({ line: rowLine, code: 'csv-syntax', ...ruleMessage('csv-syntax', { detail: e.message }) });
        return;
      }
      row(cells, rowLine, false);
    },
  });
}
