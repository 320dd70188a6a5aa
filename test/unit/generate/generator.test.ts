import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ACADEMIES } from '../../../shared/domain/reference/academies.js';
import { checkDecisionFile } from '../../../shared/ingest/ingest.usecase.js';
import { generateFirstGroup, generateSecondGroup, writeCsv } from '../../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../../shared/ingest/format-v1.js';
import type { ByteSource } from '../../../shared/ports/byte-source.port.js';

async function csvBytes(rows: Iterable<CsvV1Row>, options?: Parameters<typeof writeCsv>[2]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _e, done) { parts.push(chunk); done(); } });
  await writeCsv(rows, sink, options);
  return Buffer.concat(parts);
}
const source = (bytes: Buffer): ByteSource => ({ name: 'generated.csv', size: bytes.length, open: async function* () { yield bytes; } });
const count = <T>(rows: T[], pred: (r: T) => boolean) => rows.filter(pred).length;

describe('synthetic decisions', () => {
  it('are byte-identical for the same seed and differ for another', async () => {
    const a = await csvBytes(generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 2_000, seed: 5 }));
    const b = await csvBytes(generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 2_000, seed: 5 }));
    const c = await csvBytes(generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 2_000, seed: 6 }));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('pass the ingest validation whole, for every académie and both groups', async () => {
    for (const a of ACADEMIES) {
      const first = [...generateFirstGroup({ academie: a.slug, session: '2024-06', candidates: 400, seed: 2 })];
      const both = [...first, ...generateSecondGroup(first, { seed: 2 })];
      const checked = await checkDecisionFile({}, source(await csvBytes(both)));
      expect(checked.rows, a.slug).toBe(both.length);
      expect(new Set(first.map((r) => r.departement)).size, a.slug).toBe(a.departements.length);
    }
  });

  it('have realistic rates: admitted per voie, second group, mentions, consent', () => {
    const rows = [...generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 20_000, seed: 1 })];
    const rate = (examen: string) => {
      const voie = rows.filter((r) => r.examen === examen && r.decision !== 'REMPLACEMENT');
      return count(voie, (r) => r.decision === 'ADMIS') / voie.length;
    };
    expect(rate('BCG')).toBeCloseTo(0.91, 1);
    expect(rate('BTN')).toBeCloseTo(0.78, 1);
    expect(rate('BCP')).toBeCloseTo(0.8, 1);
    const secondGroup = count(rows, (r) => r.decision === 'SECOND_GROUPE') / rows.length;
    expect(secondGroup).toBeGreaterThan(0.07);
    expect(secondGroup).toBeLessThan(0.11);
    const admitted = rows.filter((r) => r.decision === 'ADMIS');
    expect(count(admitted, (r) => r.mention !== '') / admitted.length).toBeCloseTo(0.55, 1);
    expect(count(rows, (r) => r.accord_publication === 'O') / rows.length).toBeCloseTo(0.5, 1);
    expect(count(rows, (r) => r.decision === 'ELIMINE')).toBeGreaterThan(0);
    expect(count(rows, (r) => r.decision === 'REMPLACEMENT')).toBeGreaterThan(0);
    // Spread like the 2020 press kit: Bouches-du-Rhône holds about two thirds, général about half.
    expect(count(rows, (r) => r.departement === '13') / rows.length).toBeCloseTo(0.7, 1);
    expect(count(rows, (r) => r.examen === 'BCG') / rows.length).toBeCloseTo(0.54, 1);
    expect(new Set(rows.map((r) => r.numero_candidat)).size).toBe(rows.length);
  });

  it('invite to the second group exactly the SECOND_GROUPE candidates, with no mention', () => {
    const first = [...generateFirstGroup({ academie: 'amiens', session: '2024-06', candidates: 3_000 })];
    const second = [...generateSecondGroup(first)];
    expect(second.map((r) => r.numero_candidat)).toEqual(first.filter((r) => r.decision === 'SECOND_GROUPE').map((r) => r.numero_candidat));
    expect(second.every((r) => r.groupe === '2' && r.mention === '' && ['ADMIS', 'AJOURNE'].includes(r.decision))).toBe(true);
    expect(count(second, (r) => r.decision === 'ADMIS') / second.length).toBeCloseTo(0.75, 1);
  });

  it('write Windows-1252 that the ingest reads back with the same names', async () => {
    const rows = [...generateFirstGroup({ academie: 'corse', session: '2024-06', candidates: 500 })];
    const bytes = await csvBytes(rows, { encoding: 'windows-1252' });
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false);
    const checked = await checkDecisionFile({}, source(bytes));
    expect(checked.encoding).toBe('windows-1252');
    expect(checked.rows).toBe(500);
  });

  it('quote cells that hold a separator or a quote', async () => {
    const row = { ...[...generateFirstGroup({ academie: 'paris', session: '2024-06', candidates: 1 })][0]!, serie: 'a;b "c"' };
    expect((await csvBytes([row])).toString()).toContain(';"a;b ""c""";');
  });
});
