import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/ingest/format-v1.js';
import { lineSchema } from '../../../shared/ingest/row.schema.js';
import { RowValidator } from '../../../shared/ingest/validate-row.js';

/**
 * The fast path trusts the whole-line schema to imply the per-cell schema.
 * For valid rows and for rows with any cell replaced by arbitrary text, both
 * paths must give the same result: same decision, or same issues.
 */
const columnIndex = Object.fromEntries(CSV_V1_COLUMNS.map((c, i) => [c, i])) as Record<CsvV1Column, number>;
const validator = new RowValidator(columnIndex);
const schema = lineSchema(CSV_V1_COLUMNS);
const rows = [...generateFirstGroup({ academie: 'la-reunion', session: '2024-06', candidates: 300, seed: 9 })].map((r) => CSV_V1_COLUMNS.map((c) => r[c]));

const cellText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '12,5', '20', '20,01', '2A', '971', 'TBF', 'o', 'ADMIS', '1', '3', '0130040Y', '31/02/2006', '2024-07-05T14:30', 'É', '=1+1', 'stmg'),
);

function bothPaths(cells: string[]) {
  const line = cells.join(';');
  const fast = schema.safeParse(line).success;
  const slow = validator.validate(cells, 2, false);
  const viaFast = validator.validate(cells, 2, fast);
  return { slow, viaFast };
}

describe('whole-line fast path', () => {
  it('accepts every valid generated row and agrees with the per-cell path', () => {
    for (const cells of rows) {
      expect(schema.safeParse(cells.join(';')).success).toBe(true);
      const { slow, viaFast } = bothPaths(cells);
      expect(viaFast).toEqual(slow);
      expect(slow.ok).toBe(true);
    }
  });

  it('agrees with the per-cell path whatever one or two cells hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.array(fc.tuple(fc.integer({ min: 0, max: CSV_V1_COLUMNS.length - 1 }), cellText), { minLength: 1, maxLength: 2 }),
        (row, edits) => {
          const cells = [...row];
          for (const [i, text] of edits) cells[i] = text.replaceAll(';', ',').replaceAll('"', "'").replaceAll('\n', ' ');
          const { slow, viaFast } = bothPaths(cells);
          expect(viaFast).toEqual(slow);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
