import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import {
  generateFirstGroup,
  generateSecondGroup,
} from '../../../shared/generate/decisions.generator.js';
import { FastRowReader } from '../../../shared/ingest/fast-row.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/ingest/format-v1.js';
import { identityOf, slotOf } from '../../../shared/ingest/row-facts.js';
import { RowValidator } from '../../../shared/ingest/validate-row.js';

/**
 * The fast reader (fast-row.ts) must never accept a line the reference path
 * (split + RowValidator) refuses, and when it accepts one it must give the
 * same decision. It may decline a valid line (the reference path then takes
 * it), but not a plain generated one, or it would not be a fast path.
 */
const inOrder = Object.fromEntries(CSV_V1_COLUMNS.map((c, i) => [c, i])) as Record<
  CsvV1Column,
  number
>;
const first = ['aix-marseille', 'la-reunion', 'corse', 'polynesie-francaise', 'guadeloupe'].flatMap(
  (academie, seed) => [
    ...generateFirstGroup({
      academie,
      session: seed % 2 ? '2019-06' : '2024-06',
      candidates: 150,
      seed: seed + 9,
    }),
  ],
);
const rows = [...first, ...generateSecondGroup(first, { seed: 3 })].map((r) =>
  CSV_V1_COLUMNS.map((c) => r[c]),
);

let lineBreak = 0;
function bothPaths(cells: readonly string[], columnIndex = inOrder) {
  // Text around the line, as in a chunk; a line break of either kind, or none (the last line of a file).
  const eol = ['\n', '\r\n', ''][lineBreak++ % 3]!;
  const text = `#\n${cells.join(';')}${eol}x;y`;
  const reader = new FastRowReader(columnIndex);
  const fast = reader.read(text, 2, eol === '' ? text.length - 3 : text.length);
  if (fast) expect(reader.lineEnd).toBe(text.length - 3 - (eol === '' ? 0 : 1));
  const slow = new RowValidator(columnIndex).validate(cells, 2);
  return { fast, reader, slow };
}

function expectAgreement(cells: readonly string[], columnIndex = inOrder) {
  const { fast, reader, slow } = bothPaths(cells, columnIndex);
  if (fast) {
    expect(slow).toEqual({ ok: true, decision: reader.toDecision() });
    if (slow.ok) {
      expect(reader.slot).toBe(slotOf(slow.decision));
      expect(identityOf(reader)).toBe(identityOf(slow.decision));
      expect(decisionDigest(reader)).toBe(decisionDigest(slow.decision));
    }
  }
  return { fast, slow };
}

// Arbitrary text, and text near the edge of each cell's pattern (lengths, characters).
const cellText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
  fc.stringMatching(/^[A-Za-z0-9 ._/-]{28,36}$/),
  fc.stringMatching(/^[A-ZÉa-zç' .,’-]{97,103}$/),
  fc.stringMatching(/^[0-9A-Za-z]{4,17}$/),
  fc.stringMatching(/^[0-9]{1,3}[.,]?[0-9]{0,4}$/),
  fc.stringMatching(/^[0-9]{2}\/[0-9]{2}\/[0-9]{4}$/),
  fc.stringMatching(/^[0-9]{7}[A-Z]$/),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\u00a0',
    '12,5',
    '12.500',
    '20',
    '20,0',
    '20,01',
    '05',
    '9,',
    '2A',
    '2C',
    '971',
    '13',
    'TBF',
    'TB',
    'o',
    'O',
    'n',
    'x',
    'ADMIS',
    'AJOURNE',
    'SECOND_GROUPE',
    'ELIMINE',
    '1',
    '2',
    '3',
    '0130040Y',
    '0130040Z',
    '31/02/2006',
    '29/02/2004',
    '29/02/2005',
    '01/01/1900',
    '2024-07-05T14:30',
    '2024-07-05T24:00',
    '2024-07-05T14:30:59.5Z',
    'É',
    'Œ',
    'ß',
    '\u0301',
    '=1+1',
    'stmg',
    'TMD',
    'CUISINE',
    'S',
    'aix-marseille',
    'corse',
    'J 01',
    'J/01._-x',
    '-J',
    '24000000001',
    'abc123',
    'MARTIN ',
    "D'ART’AGNAN",
    'A,B',
  ),
);

describe('fast reader against the reference path', () => {
  it('accepts every generated row, first and second group, as the reference path does', () => {
    for (const cells of rows) {
      const { fast, slow } = expectAgreement(cells);
      expect(slow.ok).toBe(true);
      expect(fast).toBe(true);
    }
  });

  it('agrees whatever one or two cells hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.array(fc.tuple(fc.integer({ min: 0, max: CSV_V1_COLUMNS.length - 1 }), cellText), {
          minLength: 1,
          maxLength: 2,
        }),
        (row, edits) => {
          const cells = [...row];
          for (const [i, text] of edits) cells[i] = text.replace(/[;"\r\n]/g, ',');
          expectAgreement(cells);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees on cells at the edges of their patterns', () => {
    const near: Partial<Record<CsvV1Column, fc.Arbitrary<string>>> = {
      session: fc.stringMatching(/^[0-9]{4}-[0-9]{2}$/),
      numero_candidat: fc.stringMatching(/^[0-9A-Z]{4,17}[a-z]?$/),
      nom: fc.stringMatching(/^[A-Za-zÉéß' .,’\u0301-]{0,3}[A-Z][A-Z' .-]{96,101}$/),
      prenoms: fc.stringMatching(/^[A-Za-zÉéß' .,’\u0301-]{0,12}$/),
      date_naissance: fc.stringMatching(/^[0-3][0-9]\/[01][0-9]\/(19|20|21)[0-9]{2}$/),
      uai: fc.stringMatching(/^[0-9]{7}[A-Z]$/),
      departement: fc.stringMatching(/^[0-9AB]{1,4}$/),
      moyenne: fc.stringMatching(/^[0-9]{1,3}([.,][0-9]{0,4})?$/),
      jury: fc.stringMatching(/^[A-Za-z0-9 ._/-]{0,3}[A-Za-z0-9]{28,33}$/),
    };
    const columns = Object.keys(near) as CsvV1Column[];
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.constantFrom(...columns).chain((c) => fc.tuple(fc.constant(c), near[c]!)),
        (row, [column, text]) => {
          const cells = [...row];
          cells[inOrder[column]] = text;
          expectAgreement(cells);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees with cells padded by spaces or tabs, in any column order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.shuffledSubarray([...CSV_V1_COLUMNS.keys()], {
          minLength: CSV_V1_COLUMNS.length,
          maxLength: CSV_V1_COLUMNS.length,
        }),
        fc.array(fc.constantFrom('', ' ', '\t', '  '), { minLength: 34, maxLength: 34 }),
        (row, order, pads) => {
          const columnIndex = Object.fromEntries(
            order.map((from, to) => [CSV_V1_COLUMNS[from], to]),
          ) as Record<CsvV1Column, number>;
          const cells = order.map((from, to) => `${pads[2 * to]}${row[from]}${pads[2 * to + 1]}`);
          const { fast, slow } = expectAgreement(cells, columnIndex);
          expect(slow.ok).toBe(true);
          expect(fast).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads averages and deliberations exactly as Number() and luxon do', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    // Mostly in range, sometimes anything that fits the digits.
    const part = (min: number, max: number) =>
      fc.oneof(
        fc.integer({ min, max }).map((v) => String(v).padStart(2, '0')),
        digits(2),
      );
    const deliberation = fc
      .tuple(
        fc.integer({ min: 1790, max: 2210 }).map(String),
        part(1, 12),
        part(1, 31),
        part(0, 23),
        part(0, 59),
        fc.option(fc.tuple(part(0, 59), fc.option(fc.integer({ min: 1, max: 4 }).chain(digits)))),
        fc.option(
          fc.oneof(
            fc.constant('Z'),
            fc
              .tuple(fc.constantFrom('+', '-'), part(0, 14), part(0, 59))
              .map(([s, h, m]) => `${s}${h}:${m}`),
          ),
        ),
      )
      .map(
        ([y, mo, d, h, mi, sec, zone]) =>
          `${y}-${mo}-${d}T${h}:${mi}${sec ? `:${sec[0]}${sec[1] ? `.${sec[1]}` : ''}` : ''}${zone ?? ''}`,
      );
    const moyenne = fc
      .tuple(
        fc.integer({ min: 0, max: 21 }),
        fc.constantFrom('', ',', '.'),
        fc.integer({ min: 0, max: 4 }).chain(digits),
      )
      .map(([whole, sep, frac]) => (sep ? `${whole}${sep}${frac}` : String(whole)));
    const base = rows[0]!;
    fc.assert(
      fc.property(deliberation, moyenne, (delib, moy) => {
        const cells = [...base];
        cells[inOrder.deliberation] = delib;
        expectAgreement(cells);
        // AJOURNE without a mention: valid for averages under 8, refused above, by both paths.
        cells[inOrder.decision] = 'AJOURNE';
        cells[inOrder.mention] = '';
        cells[inOrder.moyenne] = moy;
        expectAgreement(cells);
      }),
      { numRuns: 5000 },
    );
  });
});
