import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateHash, SlotTable } from '../../../shared/ingest/slot-table.js';

/** Adds slots chunk by chunk as FileChecks does; `hash` may force collisions. */
function fill(
  table: SlotTable,
  chunks: string[][],
  hash = (slot: string) => [...candidateHash(slot)],
) {
  const found: number[] = [];
  let row = 0;
  for (const slots of chunks) {
    const text = table.addText(slots.join('\n'));
    let at = 0;
    for (const slot of slots) {
      const [h1, h2] = hash(slot);
      const first = table.add(row, h1!, h2!, Number(slot.slice(-1)), text, at);
      found.push(first);
      if (first === -1) row++;
      at += slot.length + 1;
    }
  }
  return found;
}

const slotArb = fc
  .tuple(
    fc.constantFrom('2024-06|corse|', '2024-06|lyon|', '2019-06|corse|'),
    fc.stringMatching(/^[0-9A-Z]{6,8}$/),
    fc.constantFrom(1, 2),
  )
  .map(([scope, numero, g]) => `${scope}${numero}|${g}`);

describe('SlotTable', () => {
  it('finds duplicates and other groups exactly as a Map of the slot strings would, even when every hash collides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(slotArb, { maxLength: 30 }), { maxLength: 5 }),
        fc.boolean(),
        (chunks, collide) => {
          const table = new SlotTable(4);
          const found = fill(table, chunks, collide ? () => [7, 7] : undefined);
          const firstRow = new Map<string, number>();
          const expected = chunks.flat().map((slot) => {
            const first = firstRow.get(slot);
            if (first === undefined) firstRow.set(slot, firstRow.size);
            return first ?? -1;
          });
          expect(found).toEqual(expected);
          for (const [slot, row] of firstRow) {
            expect(table.slot(row)).toBe(slot);
            if (collide) continue; // look-ups by text use the real hashes
            expect(table.rowOf(slot)).toBe(row);
            expect(table.otherGroup(row)).toBe(
              firstRow.get(`${slot.slice(0, -1)}${slot.endsWith('1') ? 2 : 1}`) ?? -1,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('grows past the rows it was sized for', () => {
    const slots = Array.from(
      { length: 20_000 },
      (_, i) => `2024-06|lyon|${String(i).padStart(8, '0')}|${(i % 2) + 1}`,
    );
    const table = new SlotTable(16);
    expect(fill(table, [slots.slice(0, 9_000), slots.slice(9_000)]).every((f) => f === -1)).toBe(
      true,
    );
    expect(fill(table, [slots.slice(0, 10)])).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(table.rowOf(slots[12_345]!)).toBe(12_345);
  });
});
