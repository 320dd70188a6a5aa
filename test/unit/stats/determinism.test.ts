// Same input, same bytes: no clock and no randomness in any statistics file,
// the XLSX included (exceljs stamps documents and ZIP entries with the time).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { figuresFromDecisions } from '../../../shared/stats/statistics.js';
import { statisticsFiles } from '../../../shared/stats/stats-files.js';
import { fixZipDates } from '../../../shared/stats/zip-dates.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';

const decisions = syntheticDecisions('nice', '2024-06', 250, 2);
const previous = figuresFromDecisions({
  academie: 'nice',
  session: '2023-06',
  groupe: 2,
  decisions: syntheticDecisions('nice', '2023-06', 240, 8),
});
const render = () =>
  statisticsFiles({ academie: 'nice', session: '2024-06', groupe: 2, decisions, previous });

afterEach(() => vi.useRealTimers());

describe('statistics files', () => {
  it(
    'are byte-identical when rendered at different times and from decisions in another ' + 'order',
    async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2024-07-12T08:00:00Z'));
      const first = await render();
      vi.setSystemTime(new Date('2031-01-01T23:59:58Z'));
      const second = await statisticsFiles({
        academie: 'nice',
        session: '2024-06',
        groupe: 2,
        decisions: [...decisions].reverse(),
        previous,
      });
      expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
      for (const [i, f] of first.entries())
        expect(Buffer.from(second[i]!.body).equals(Buffer.from(f.body))).toBe(true);
    },
  );

  it('give every ZIP entry of the workbook the fixed date', async () => {
    const xlsx = (await render()).find((f) => f.path.endsWith('.xlsx'))!.body as Uint8Array;
    const view = new DataView(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength);
    let entries = 0;
    for (let i = 0; i + 46 < xlsx.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      expect([view.getUint16(i + 12, true), view.getUint16(i + 14, true)]).toEqual([0, 0x21]);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    expect(fixZipDates(xlsx)).toEqual(xlsx);
  });

  it('rejects something that is not a ZIP archive', () => {
    expect(() => fixZipDates(new Uint8Array(100))).toThrow(/not a ZIP archive/);
  });
});
