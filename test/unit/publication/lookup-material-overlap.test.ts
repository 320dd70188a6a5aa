import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../shared/ports/byte-source.port.js';
import type { CachedRoot, LookupKeyStore } from '../../../shared/ports/lookup-keys.port.js';
import { prepareRoots } from '../../../shared/publication/lookup-material.js';

const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations: 1, shardChars: 1 };
const codeSecret = Buffer.alloc(32, 5).toString('base64');
/** Three slices of prepareRoots: 2,000, 2,000 and 500. */
const numeros = Array.from({ length: 4_500 }, (_, i) => `24${String(100_000_000 + i)}`);

/** Counts the derivations done, as the CLI's progress bar does. */
function counter(): Progress & { done: number } {
  const p = {
    done: 0,
    start() {},
    update(done: number) {
      p.done = done;
    },
    stop() {},
  };
  return p;
}

/** The root cache only (the rest of the port is not used here), its writes given by `put`. */
function rootCache(put: (list: readonly CachedRoot[]) => Promise<void>): LookupKeyStore {
  const roots = new Map<string, CachedRoot>();
  return {
    roots: () => Promise.resolve(new Map(roots)),
    putRoots: async (_s: string, _a: string, list: readonly CachedRoot[]) => {
      await put(list);
      for (const r of list) roots.set(r.numero, r);
    },
  } as unknown as LookupKeyStore;
}

describe('prepareRoots stores a slice while it derives the next', () => {
  it('overlaps each write with the next slice, one write in flight at most', async () => {
    const progress = counter();
    const writes: { size: number; doneAtStart: number; overlapped: boolean }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const keys = rootCache(async (list) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const doneAtStart = progress.done;
      // The write completes once the next slice's derivation is under way (or after 5 s, when
      // nothing derives meanwhile: the test then fails below rather than hanging). The last
      // slice's write has nothing to overlap with.
      const last = doneAtStart === numeros.length;
      const deadline = Date.now() + 5_000;
      while (!last && progress.done === doneAtStart && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 1));
      writes.push({ size: list.length, doneAtStart, overlapped: progress.done > doneAtStart });
      inFlight--;
    });
    const cache = { keys, session: '2024-06', academie: 'caen' };

    const { derived, root } = await prepareRoots({ params, codeSecret, cache }, numeros, progress);

    expect(derived).toBe(4_500);
    expect(writes).toEqual([
      { size: 2_000, doneAtStart: 2_000, overlapped: true },
      { size: 2_000, doneAtStart: 4_000, overlapped: true },
      { size: 500, doneAtStart: 4_500, overlapped: false },
    ]);
    expect(maxInFlight).toBe(1);
    // Every write was waited for: the cache holds every root when the call returns.
    const cached = await keys.roots('2024-06', 'caen');
    expect(cached.size).toBe(4_500);
    for (const n of numeros) expect(cached.get(n)?.root).toBe(root(n));
  });

  it('fails with the write’s error, and stops deriving once a write has failed', async () => {
    const progress = counter();
    const refused = new Error('table refused the write');
    const keys = rootCache(() => Promise.reject(refused));
    const cache = { keys, session: '2024-06', academie: 'caen' };

    await expect(prepareRoots({ params, codeSecret, cache }, numeros, progress)).rejects.toBe(
      refused,
    );
    // The first slice was derived; the second stopped at its first derivations.
    expect(progress.done).toBeGreaterThanOrEqual(2_000);
    expect(progress.done).toBeLessThan(4_000);
  });
});
