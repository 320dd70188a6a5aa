import type { CsvV1Column } from './format-v1.js';

/** A rule in words, for the operator who must fix the file: in English and in French. */
export interface RuleMessage {
  rule: string;
  regle: string;
}

/**
 * One rule broken: its code (stable: tests and tooling match on it), the
 * column it is about when it is about one, and its message. Every rule of a
 * decision file returns its breaches in this shape; the ingest adds where
 * (line, column position, value).
 */
export interface Breach extends RuleMessage {
  code: string;
  column?: CsvV1Column;
}

/** A breach about one cell of a row: every cell, row and file rule of a row names its column. */
export interface CellBreach extends Breach {
  column: CsvV1Column;
}
