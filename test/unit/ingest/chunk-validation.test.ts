import fc from 'fast-check';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { describe, expect, it } from 'vitest';
import {
  generateFirstGroup,
  generateSecondGroup,
} from '../../../shared/generate/decisions.generator.js';
import { validateChunk } from '../../../shared/ingest/chunk-validation.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/ingest/format-v1.js';
import { factsOf, scopeOf } from '../../../shared/ingest/row-facts.js';
import { RowValidator } from '../../../shared/ingest/validate-row.js';

const columnIndex = Object.fromEntries(CSV_V1_COLUMNS.map((c, i) => [c, i])) as Record<
  CsvV1Column,
  number
>;
const first = [
  ...generateFirstGroup({
    academie: 'nouvelle-caledonie',
    session: '2024-06',
    candidates: 400,
    seed: 2,
  }),
];
const rows = [...first, ...generateSecondGroup(first, { seed: 2 })].map((r) =>
  CSV_V1_COLUMNS.map((c) => r[c]),
);

/** Everything a chunk gives: issues, facts and decisions, as plain data to compare. */
function outcome(text: string, firstLine = 2) {
  const decisions: [Decision, number][] = [];
  const checking = validateChunk({ text, firstLine }, columnIndex, { collectFacts: true });
  validateChunk({ text, firstLine }, columnIndex, {
    collectFacts: false,
    onDecision: (d, line) => decisions.push([d, line]),
  });
  return { ...checking, facts: [...checking.facts], decisions };
}

const quoted = (cells: readonly string[]) =>
  cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(';');

describe('validateChunk', () => {
  it('gives each valid row’s decision and facts, and each bad row’s issues, by line', () => {
    const lines = rows.map((cells, i) =>
      i % 97 === 5 ? cells.map((c, j) => (j === columnIndex.uai ? '0130040Z' : c)) : cells,
    );
    const text = `${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
    const got = outcome(text);

    const validator = new RowValidator(columnIndex);
    const expected = lines.flatMap((cells, i) => {
      const r = validator.validate(cells, i + 2);
      return r.ok ? [[r.decision, i + 2] as const] : [];
    });
    expect(got.decisions).toEqual(expected);
    expect(got.facts).toEqual([
      ['2024-06|nouvelle-caledonie', expected.map(([d, line]) => factsOf(d, line))],
    ]);
    expect(got.rows).toBe(lines.length);
    expect(got.issues.map((i) => [i.line, i.code])).toEqual(
      lines.flatMap((_, i) => (i % 97 === 5 ? [[i + 2, 'uai-check-letter']] : [])),
    );
  });

  it('keeps identities only for the rows the group rules compare', () => {
    const { facts } = outcome(rows.map((cells) => cells.join(';')).join('\n'));
    const kept = facts.flatMap(([, f]) => f).filter((f) => f.identity);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((f) => f.groupe === 2 || f.decision === 'SECOND_GROUPE')).toBe(true);
    expect(scopeOf(first[0]!)).toBe('2024-06|nouvelle-caledonie');
  });

  it('counts lines across quoted line breaks and reports syntax and field-count errors', () => {
    const [a, b, c] = rows as [string[], string[], string[]];
    const text = [
      quoted(a.map((cell, i) => (i === columnIndex.nom ? `${cell}\nX` : cell))),
      `${b.join(';')};extra`,
      `x"y;${b.slice(1).join(';')}`,
      '',
      c.join(';'),
    ].join('\n');
    const got = outcome(text, 5);
    expect(got.issues.map((i) => [i.line, i.code])).toEqual([
      [5, 'name-characters'],
      [7, 'field-count'],
      [8, 'csv-syntax'],
    ]);
    expect(got.decisions.map(([, line]) => line)).toEqual([10]);
  });

  it('reads a row the same whether its cells are quoted or not', () => {
    const cellText = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', ' ', 'ADMIS', '2', 'TBF', '12,5', '0130040Z', '31/02/2006', "D'ART"),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.array(fc.tuple(fc.integer({ min: 0, max: CSV_V1_COLUMNS.length - 1 }), cellText), {
          maxLength: 2,
        }),
        (row, edits) => {
          const cells = [...row];
          for (const [i, text] of edits) cells[i] = text.replace(/[;"\r\n]/g, ',');
          expect(outcome(quoted(cells))).toEqual(outcome(cells.join(';')));
        },
      ),
      { numRuns: 500 },
    );
  });
});
