import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../shared/ingest/csv-records.js';

const read = (text: string, firstLine = 2) =>
  csvRecords({ text, firstLine }).map((r) =>
    'cells' in r ? [r.line, r.cells] : [r.line, r.syntaxError],
  );

describe('csvRecords', () => {
  it('numbers records by the line they start on, blank lines and line breaks of both kinds', () => {
    expect(read('a;b\r\nc;d\n\ne;f\n  \ng;h')).toEqual([
      [2, ['a', 'b']],
      [3, ['c', 'd']],
      [4, ['']],
      [5, ['e', 'f']],
      [6, ['  ']],
      [7, ['g', 'h']],
    ]);
  });

  it('reads quoted fields holding separators, quotes and line breaks', () => {
    expect(read('"a;1";"say ""hi""";"two\nlines"\r\nx;y\n')).toEqual([
      [2, ['a;1', 'say "hi"', 'two\nlines']],
      [4, ['x', 'y']],
    ]);
  });

  it('reports a record with a syntax error at its first line and reads on', () => {
    expect(read('a;b\nx"y;c\n"multi\nline";d\n"open;e\nf;g\n', 10)).toEqual([
      [10, ['a', 'b']],
      [11, 'INVALID_OPENING_QUOTE'],
      [12, ['multi\nline', 'd']],
      [14, 'CSV_QUOTE_NOT_CLOSED'],
    ]);
  });
});
