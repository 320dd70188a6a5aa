import type { Breach } from '../domain/rules/breach.js';

/**
 * One thing wrong with an input file, precise enough for the operator to fix
 * it: where (line, column), what was found, and which rule it breaks, with
 * the rule in English and in French.
 */
export interface IngestIssue {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** Column name from the header, when the issue is about one cell. */
  column?: string;
  /** 1-based column position in the file, when known. */
  columnIndex?: number;
  /** The offending value, shortened; absent for file-level issues. */
  value?: string;
  /** Stable identifier of the rule, for tests and tooling. */
  code: string;
  /** The rule broken, in English. */
  rule: string;
  /** The same, in French. */
  regle: string;
}

/**
 * The issue a rule's breach makes at `line`; `cell`: the position and value
 * of the cell it is about, when there is one.
 */
export function issueAt(
  line: number,
  breach: Breach,
  cell?: { columnIndex: number; value: string },
): IngestIssue {
  const { code, column, rule, regle } = breach;
  return { line, ...(column ? { column } : {}), ...cell, code, rule, regle };
}

/** The file was rejected whole: nothing was written. */
export class IngestRejectedError extends Error {
  override name = 'IngestRejectedError';
  constructor(
    readonly file: string,
    readonly issues: readonly IngestIssue[],
    /** Issues found in all, which may exceed those kept in `issues`. */
    readonly totalIssues: number,
  ) {
    super(
      `${file}: rejected, ${totalIssues} error${totalIssues > 1 ? 's' : ''}; nothing was written`,
    );
  }
}

const MAX_VALUE_CHARS = 60;

/** Values are shown shortened and with control characters made visible. */
export function showValue(value: string): string {
  const visible = value.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this makes visible
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return visible.length > MAX_VALUE_CHARS
    ? `${visible.slice(0, MAX_VALUE_CHARS)}… (${value.length} characters)`
    : visible;
}

export function formatIssue(file: string, issue: IngestIssue): string {
  const at = issue.columnIndex !== undefined ? `:${issue.columnIndex}` : '';
  const column = issue.column ? ` column ${issue.column}` : '';
  const value = issue.value !== undefined ? ` "${issue.value}"` : '';
  const rule = `${issue.rule} / ${issue.regle} [${issue.code}]`;
  return `${file}:${issue.line}${at}${column}${value}: ${rule}`;
}
