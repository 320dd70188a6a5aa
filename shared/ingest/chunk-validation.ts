import Papa from 'papaparse';
import type { Decision } from '../domain/decision.schema.js';
import { FastRowReader } from './fast-row.js';
import type { CsvV1Column } from './format-v1.js';
import type { IngestIssue } from './ingest-issue.js';
import { ruleMessage } from './rule-messages.js';
import { ChunkFactsBuilder, identityOf, type ChunkFacts } from './row-facts.js';
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
 * Parses and validates one chunk of whole records. `onDecision` receives each
 * valid decision (the later passes); the facts are collected for the checking pass.
 */
export function validateChunk(
  chunk: TextChunk,
  columnIndex: Record<CsvV1Column, number>,
  options: { collectFacts: boolean; onDecision?: DecisionSink },
): ChunkOutcome {
  const validator = new RowValidator(columnIndex);
  const expected = Object.keys(columnIndex).length;
  // A valid row takes at least 81 characters (17 cells and their separators): a capacity hint.
  const facts = new ChunkFactsBuilder(Math.ceil(chunk.text.length / 80) + 16);
  const out = { rows: 0, issueCount: 0, issues: [] as IngestIssue[] };
  const report = (issue: IngestIssue) => {
    out.issueCount++;
    if (out.issues.length < MAX_ISSUES) out.issues.push(issue);
  };
  /** The reference path: split cells, RowValidator reports every rule broken. */
  const row = (cells: readonly string[], line: number) => {
    out.rows++;
    if (cells.length !== expected) {
      report({
        line,
        code: 'field-count',
        ...ruleMessage('field-count', { expected, found: cells.length }),
      });
      return;
    }
    const checked = validator.validate(cells, line);
    if (!checked.ok) {
      for (const issue of checked.issues) report(issue);
      return;
    }
    if (options.collectFacts) facts.addDecision(checked.decision, line);
    options.onDecision?.(checked.decision, line);
  };

  if (chunk.text.includes('"')) parseQuoted(chunk, row, report);
  else {
    const reader = new FastRowReader(columnIndex);
    const identity = () => identityOf(reader);
    parsePlain(chunk, reader, row, (line) => {
      out.rows++;
      if (options.collectFacts) {
        const deliberation = Number.isNaN(reader.deliberationMs)
          ? reader.deliberationText
          : reader.deliberationMs;
        facts.add(
          reader.scope,
          reader.numero,
          reader.groupe,
          reader.decision,
          line,
          deliberation,
          identity,
        );
      }
      options.onDecision?.(reader.toDecision(), line);
    });
  }
  return { ...out, facts: facts.finish() };
}

type RowSink = (cells: readonly string[], line: number) => void;

/**
 * Without a single quote character, CSV is exactly lines split on ";": the
 * common case, and the fast one. A line the fast reader accepts is a valid
 * row; any other line (blank, or with something to report) takes the
 * reference path for its diagnostics.
 */
function parsePlain(
  chunk: TextChunk,
  reader: FastRowReader,
  row: RowSink,
  accepted: (line: number) => void,
): void {
  const text = chunk.text;
  let line = chunk.firstLine;
  for (let start = 0; start < text.length; line++) {
    if (reader.read(text, start, text.length)) {
      accepted(line);
      start = reader.lineEnd + 1;
      continue;
    }
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (text.charCodeAt(end - 1) === 13) end--;
    const content = text.slice(start, end);
    if (content.trim() !== '') row(content.split(';'), line);
    start = next;
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
      for (let i = text.indexOf('\n', start); i !== -1 && i < cursor; i = text.indexOf('\n', i + 1))
        line++;
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
      if (result.errors.length > 0) {
        for (const e of result.errors)
          report({
            line: rowLine,
            code: 'csv-syntax',
            ...ruleMessage('csv-syntax', { detail: e.message }),
          });
        return;
      }
      row(cells, rowLine);
    },
  });
}
