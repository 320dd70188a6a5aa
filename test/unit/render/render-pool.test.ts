import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { generateFirstGroup, lyceesOf } from '../../../shared/generate/decisions.generator.js';
import { lookupScope } from '../../../shared/render/lookup/lookup-crypto.js';
import {
  createRenderPool,
  renderAll,
  serializeRenderInput,
  type PooledRenderInput,
} from '../../../shared/render/parallel/render-pool.js';
import { renderRelease, type Release } from '../../../shared/render/release.js';
import { rowToDecision } from '../../fixtures/stats/synthetic.js';
import { fakeRoot, SALT } from './fixtures.js';

const input = (academie: string, candidates: number, seed: number): PooledRenderInput => {
  const decisions: Decision[] = [
    ...generateFirstGroup({ academie, session: '2024-06', candidates, seed }),
  ].map(rowToDecision);
  return {
    academie,
    session: '2024-06',
    groupe: 1,
    decisions,
    // One withheld candidate: the pool must drop them exactly as a direct render does.
    withheld: new Set([decisions[1]!.numero]),
    etablissements: new Map(lyceesOf(academie, 1).map((l) => [l.uai, l.nom])),
    lookup: {
      params: {
        v: 2,
        salt: SALT,
        iterations: 1_000,
        shardChars: 2,
        scope: lookupScope('2024-06', academie, 1),
      },
      roots: new Map(decisions.map((d) => [d.numero, fakeRoot(d.numero)])),
    },
  };
};

const direct = (i: PooledRenderInput): Promise<Release> =>
  renderRelease({
    ...i,
    lookup: { params: i.lookup.params, root: (n) => i.lookup.roots.get(n)! },
  });

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const pool = createRenderPool(2);
afterAll(() => pool.close());

describe('render pool', () => {
  it(
    'renders byte-identical releases (id, manifest, every file) to a render on the main ' +
      'thread',
    async () => {
      const inputs = [input('guyane', 400, 3), input('corse', 250, 4), input('mayotte', 120, 5)];
      const pooled = new Map<string, Release>();
      await renderAll(pool, inputs, (release, i) => void pooled.set(i.academie, release), 2);
      expect([...pooled.keys()].sort()).toEqual(['corse', 'guyane', 'mayotte']);
      for (const i of inputs) {
        const want = await direct(i);
        const got = pooled.get(i.academie)!;
        expect(got.id).toBe(want.id);
        expect(got.manifest).toEqual(want.manifest);
        expect(got.files.map((f) => [f.path, f.contentType, f.sha256, hex(f.body)])).toEqual(
          want.files.map((f) => [f.path, f.contentType, f.sha256, hex(f.body)]),
        );
        expect(got.statistics).toEqual(want.statistics);
      }
    },
  );

  it('renders a serialised input to the same release, its bytes transferred', async () => {
    const i = input('corse', 200, 6);
    const serialized = serializeRenderInput(i);
    expect(serialized).toMatchObject({ academie: 'corse', candidates: 200 });
    const got = await pool.render(serialized);
    // Transferred, not copied: the sender's buffer is detached.
    expect(serialized.bytes.byteLength).toBe(0);
    const want = await direct(i);
    expect(got.id).toBe(want.id);
    expect(got.files.map((f) => [f.path, hex(f.body)])).toEqual(
      want.files.map((f) => [f.path, hex(f.body)]),
    );
  });

  it('gives the same manifests twice for the same input, whichever thread renders it', async () => {
    const i = input('guyane', 300, 9);
    const [a, b, c] = await Promise.all([pool.render(i), pool.render(i), pool.render(i)]);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    expect(JSON.stringify(b.manifest)).toBe(JSON.stringify(a.manifest));
  });

  it('rejects with the render error, and keeps serving afterwards', async () => {
    const bad = { ...input('corse', 20, 1), academie: 'atlantis' };
    await expect(pool.render(bad)).rejects.toThrow(/atlantis/);
    const ok = input('corse', 20, 1);
    expect((await pool.render(ok)).id).toBe((await direct(ok)).id);
  });
});
