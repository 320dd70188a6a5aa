import { describe, expect, it } from 'vitest';
import {
  generateFirstGroup,
  generateSecondGroup,
} from '../../../shared/generate/decisions.generator.js';
import { validateChunk } from '../../../shared/ingest/chunk-validation.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/ingest/format-v1.js';
import { ChunkFactsBuilder } from '../../../shared/ingest/row-facts.js';
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

/** The facts and decisions a chunk gives, the fast path aside: every row through RowValidator. */
function reference(lines: string[][], firstLine: number) {
  const validator = new RowValidator(columnIndex);
  const facts = new ChunkFactsBuilder();
  const decisions: unknown[] = [];
  lines.forEach((cells, i) => {
    const r = validator.validate(cells, firstLine + i);
    if (r.ok) {
      facts.addDecision(r.decision, firstLine + i);
      decisions.push([r.decision, firstLine + i]);
    }
  });
  return { facts: facts.finish(), decisions };
}

describe('validateChunk', () => {
  it('gives the same facts and decisions on the fast path as the reference path, issues included', () => {
    const lines = rows.map((cells, i) =>
      i % 97 === 5 ? cells.map((c, j) => (j === columnIndex.uai ? '0130040Z' : c)) : cells,
    );
    const text = `${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
    const decisions: unknown[] = [];
    const checking = validateChunk({ text, firstLine: 2 }, columnIndex, { collectFacts: true });
    validateChunk({ text, firstLine: 2 }, columnIndex, {
      collectFacts: false,
      onDecision: (d, line) => decisions.push([d, line]),
    });
    const expected = reference(lines, 2);
    expect(checking.facts).toEqual(expected.facts);
    expect(checking.facts.count).toBeGreaterThan(400);
    expect(checking.facts.identities.split('\n')).toHaveLength(
      checking.facts.flags.filter((f) => f !== 0).length,
    );
    expect(decisions).toEqual(expected.decisions);
    expect(checking.rows).toBe(lines.length);
    expect(checking.issues.map((i) => [i.line, i.code])).toEqual(
      lines.flatMap((_, i) => (i % 97 === 5 ? [[i + 2, 'uai-check-letter']] : [])),
    );
  });
});
