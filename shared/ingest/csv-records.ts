import { parse, type CsvError } from 'csv-parse/sync';
import { z } from 'zod';
import type { TextChunk } from './text-chunks.js';

/** A record of a chunk and the line it starts on, or the syntax error that made it unreadable. */
export type CsvRecord = { line: number; cells: string[] } | { line: number; syntaxError: string };

/**
 * RFC 4180 with `;` between fields; any row length (the field-count rule
 * says what is wrong); a record with a syntax error (a quote left open, a
 * quote inside a bare field) is skipped and reported, and reading goes on.
 */
const OPTIONS = {
  delimiter: ';',
  record_delimiter: ['\n', '\r\n'],
  relax_column_count: true,
  skip_records_with_error: true,
};

/** Line breaks inside a record's quoted fields: a record spans one line more than it holds. */
function breaksIn(cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells)
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  return breaks;
}

/**
 * The records of a chunk of whole records (text-chunks.ts); blank lines are
 * records of one blank cell.
 *
 * Text without a double quote is, by the CSV grammar, exactly its lines
 * split on `;`: that is how such a chunk is read, because csv-parse costs
 * about 10 µs a row, two thirds of checking a national file (figures in
 * test/bench/README.md). Any chunk with a quote goes to csv-parse.
 */
export function csvRecords(chunk: TextChunk): CsvRecord[] {
  if (!chunk.text.includes('"')) return bareRecords(chunk);
  let errors = 0;
  const rows = parse(chunk.text, {
    ...OPTIONS,
    on_skip: () => {
      errors++;
      return undefined;
    },
  });
  if (errors > 0) return withSyntaxErrors(chunk);
  let line = chunk.firstLine;
  return rows.map((cells) => {
    const record = { line, cells };
    line += 1 + breaksIn(cells);
    return record;
  });
}

function bareRecords({ text, firstLine }: TextChunk): CsvRecord[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the text's last line break
  return lines.map((line, i) => ({
    line: firstLine + i,
    cells: (line.endsWith('\r') ? line.slice(0, -1) : line).split(';'),
  }));
}

const WithInfo = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }),
);
const ErrorLine = z.object({ code: z.string(), lines: z.number() });

/**
 * The rare chunk that holds a syntax error, read again with the line each
 * record ends on: a record skipped for its error starts just after the
 * record before it.
 */
function withSyntaxErrors(chunk: TextChunk): CsvRecord[] {
  const errors: { code: string; lines: number }[] = [];
  const output: unknown = parse(chunk.text, {
    ...OPTIONS,
    info: true,
    on_skip: (err: CsvError | undefined) => {
      errors.push(ErrorLine.parse(err));
      return undefined;
    },
  });
  const toFile = chunk.firstLine - 1;
  const read = WithInfo.parse(output).map(({ record, info }) => ({
    cells: record,
    end: info.lines + toFile,
    line: info.lines + toFile - breaksIn(record),
  }));
  const failed = errors.map(({ code, lines }) => {
    const before = read.filter((r) => r.end < lines + toFile);
    return { syntaxError: code, line: (before[before.length - 1]?.end ?? toFile) + 1 };
  });
  const records: CsvRecord[] = [...read.map(({ cells, line }) => ({ cells, line })), ...failed];
  return records.sort((a, b) => a.line - b.line);
}
