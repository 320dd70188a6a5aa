import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  encodeSnapshot,
  snapshotOf,
} from '../../../shared/publication/render-snapshot.js';
import type { RenderInput } from '../../../shared/render/release.js';
import { decision, fakeRoot, releaseParams } from './fixtures.js';

const input: RenderInput = {
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  decisions: [decision({ numero: '01' }), decision({ numero: '02', mention: 'B' })],
  withheld: new Set(['02']),
  lookup: { params: releaseParams(1), root: fakeRoot },
  etablissements: new Map([['0130001A', 'Lycée Thiers']]),
  nationalPeers: [],
  lists: false,
};
const entries = new Map([
  ['01', { id: 'a'.repeat(32), sealed: 'AAAA', text: '{"v":2}' }],
  ['03', { id: 'b'.repeat(32), sealed: 'BBBB', text: '{"v":2}' }],
]);

describe('render snapshot', () => {
  it(
    'keeps decisions, maps and sealed entries, and drops the flags, peers, lists and ' + 'root',
    async () => {
      const back = await decodeSnapshot(await encodeSnapshot(snapshotOf(input, entries)));
      expect(back?.input.decisions).toEqual(input.decisions);
      expect(back?.input.etablissements).toEqual(input.etablissements);
      expect(back?.input.lookup).toEqual({ params: input.lookup.params });
      expect(back?.entries).toEqual(entries);
      for (const dropped of ['withheld', 'nationalPeers', 'lists', 'siteRoot'])
        expect(back?.input).not.toHaveProperty(dropped);
    },
  );

  it('stores each distinct entry text once', async () => {
    const many = new Map(
      Array.from({ length: 500 }, (_, i) => [
        String(i),
        { id: i.toString(16).padStart(32, '0'), sealed: 'AAAA', text: 'x'.repeat(300) },
      ]),
    );
    const body = await encodeSnapshot(snapshotOf(input, many));
    const json = gunzipSync(body).toString('utf8');
    expect(json.split('x'.repeat(300)).length - 1).toBe(1);
    expect((await decodeSnapshot(body))?.entries.get('499')?.text).toBe('x'.repeat(300));
  });
});
