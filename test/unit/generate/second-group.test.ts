import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  generateFirstGroup,
  generateSecondGroup,
  writeCsv,
} from '../../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../../shared/ingest/format-v1.js';
import { checkDecisionFile } from '../../../shared/ingest/ingest.usecase.js';

const first = [
  ...generateFirstGroup({
    academie: 'la-reunion',
    session: '2024-06',
    candidates: 20_000,
    seed: 8,
  }),
];
const invited = first.filter((r) => r.decision === 'SECOND_GROUPE');
const second = [...generateSecondGroup(first, { seed: 8 })];
const hundredths = (moyenne: string) => Number(moyenne.replace(',', ''));
const IDENTITY = [
  'session',
  'academie',
  'numero_candidat',
  'nom',
  'prenoms',
  'date_naissance',
  'uai',
  'departement',
  'examen',
  'serie',
  'accord_publication',
  'jury',
] as const;

describe('generateSecondGroup', () => {
  it('gives one row per SECOND_GROUPE candidate, with the same identity', () => {
    expect(invited.length).toBeGreaterThan(1_000);
    expect(second.map((r) => r.numero_candidat)).toEqual(invited.map((r) => r.numero_candidat));
    second.forEach((r, i) => {
      const g1 = invited[i]!;
      for (const c of IDENTITY) expect(r[c], `${r.numero_candidat} ${c}`).toBe(g1[c]);
    });
  });

  it('admits about 75 %, with averages consistent with the decision and no mention', () => {
    const problems = second.flatMap((r, i) => {
      const m = hundredths(r.moyenne);
      const ok =
        r.groupe === '2' &&
        r.mention === '' &&
        /^\d{1,2},\d{2}$/.test(r.moyenne) &&
        (r.decision === 'ADMIS' ? m >= 1000 && m <= 2000 : r.decision === 'AJOURNE' && m < 1000) &&
        m >= hundredths(invited[i]!.moyenne); // the oral only raises marks
      return ok ? [] : [JSON.stringify(r)];
    });
    expect(problems).toEqual([]);
    expect(second.filter((r) => r.decision === 'ADMIS').length / second.length).toBeCloseTo(
      0.75,
      1,
    );
  });

  it('deliberates three to five days after the first group, at the same offset', () => {
    second.forEach((r, i) => {
      const days =
        (Date.parse(r.deliberation.slice(0, 10)) -
          Date.parse(invited[i]!.deliberation.slice(0, 10))) /
        86_400_000;
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThanOrEqual(5);
      expect(r.deliberation).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+04:00$/);
    });
  });

  it('is deterministic per candidate: neither order nor other rows change an outcome', () => {
    const reversed = [...generateSecondGroup([...invited].reverse(), { seed: 8 })].reverse();
    expect(reversed).toEqual(second);
    expect([...generateSecondGroup(invited.slice(5, 6), { seed: 8 })]).toEqual([second[5]]);
    expect([...generateSecondGroup(first, { seed: 9 })]).not.toEqual(second);
  });

  it('passes the ingest validation together with the first group', async () => {
    const rows: CsvV1Row[] = [
      ...first.slice(0, 3_000),
      ...generateSecondGroup(first.slice(0, 3_000), { seed: 8 }),
    ];
    const parts: Buffer[] = [];
    await writeCsv(
      rows,
      new Writable({
        write(chunk: Buffer, _e, done) {
          parts.push(chunk);
          done();
        },
      }),
    );
    const checked = await checkDecisionFile(
      {},
      {
        name: 'both.csv',
        open: async function* () {
          yield Buffer.concat(parts);
        },
      },
    );
    expect(checked.rows).toBe(rows.length);
  });
});
