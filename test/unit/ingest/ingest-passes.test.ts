import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DecisionVersion } from '../../../shared/domain/decision.schema.js';
import { slotKey } from '../../../shared/domain/decision.schema.js';
import { generateFirstGroup, writeCsv } from '../../../shared/generate/decisions.generator.js';
import { FileChangedError } from '../../../shared/ingest/byte-checkpoints.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import type { ByteSource } from '../../../shared/ports/byte-source.port.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import type { DecisionStore, KnownVersion } from '../../../shared/ports/decision-store.port.js';

/** Just what ingestDecisions uses of a store, in memory. */
function memoryStore() {
  const versions: DecisionVersion[] = [];
  const store: DecisionStore = {
    async knownVersions(session, academie) {
      const known = new Map<string, KnownVersion[]>();
      for (const v of versions
        .filter((v) => v.session === session && v.academie === academie)
        .sort((a, b) => a.deliberation.localeCompare(b.deliberation))) {
        known.set(slotKey(v), [
          ...(known.get(slotKey(v)) ?? []),
          { deliberation: v.deliberation, digest: v.digest },
        ]);
      }
      return known;
    },
    async appendVersions(batch) {
      versions.push(...batch);
    },
    async currentDecisions() {
      return [];
    },
    async candidateHistory() {
      return [];
    },
  };
  return { store, versions };
}

async function csv(rows: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  await writeCsv(
    generateFirstGroup({ academie: 'lille', session: '2024-06', candidates: rows, seed: 5 }),
    new Writable({
      write(c: Buffer, _e, done) {
        parts.push(c);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}

/** A source read in 64 KiB pieces; `versions` gives the bytes of each successive open. */
function source(...versions: Buffer[]): ByteSource {
  let opened = 0;
  return {
    name: 'lille.csv',
    open: async function* () {
      const bytes = versions[Math.min(opened++, versions.length - 1)]!;
      for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
    },
  };
}

/** The same file with one valid cell changed near its end: the jury of a row. */
function changedNearEnd(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const at = text.indexOf(';J', text.length - 2_000);
  return Buffer.from(`${text.slice(0, at)};K${text.slice(at + 2)}`);
}

describe('ingestDecisions over a file of several MiB', () => {
  const deps = (store: DecisionStore) => ({ store, clock: fixedClock('2024-07-06T08:00:00Z') });

  it('writes every row, then finds them all unchanged on a second ingest', async () => {
    const bytes = await csv(25_000);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const { store, versions } = memoryStore();
    expect(await ingestDecisions(deps(store), source(bytes))).toMatchObject({
      rows: 25_000,
      new: 25_000,
      written: 25_000,
    });
    expect(await ingestDecisions(deps(store), source(bytes))).toMatchObject({
      rows: 25_000,
      new: 0,
      unchanged: 25_000,
      written: 0,
    });
    expect(versions).toHaveLength(25_000);
  });

  it('refuses a file changed after its check, writing nothing read after the change', async () => {
    const bytes = await csv(25_000);
    const { store, versions } = memoryStore();
    await expect(
      ingestDecisions(deps(store), source(bytes, changedNearEnd(bytes))),
    ).rejects.toBeInstanceOf(FileChangedError);
    expect(versions.length).toBeLessThan(25_000);
    expect(versions.every((v) => v.jury.startsWith('J'))).toBe(true);
  });

  it('refuses a file changed before its digests are compared, writing nothing', async () => {
    const bytes = await csv(25_000);
    const { store, versions } = memoryStore();
    await ingestDecisions(deps(store), source(bytes));
    const before = versions.length;
    await expect(
      ingestDecisions(deps(store), source(bytes, changedNearEnd(bytes))),
    ).rejects.toBeInstanceOf(FileChangedError);
    expect(versions).toHaveLength(before);
  });

  it('reads on while the store writes; returns or fails with no write running', async () => {
    const bytes = await csv(25_000);
    /** A memory store whose writes take a while; call number `failAt` fails. */
    const slowStore = (failAt: number) => {
      const { store, versions } = memoryStore();
      const seen = { running: 0, most: 0, calls: 0 };
      const slow: DecisionStore = {
        ...store,
        async appendVersions(batch) {
          seen.running++;
          seen.most = Math.max(seen.most, seen.running);
          const call = ++seen.calls;
          try {
            await new Promise((done) => setTimeout(done, 5));
            if (call === failAt) throw new Error('store down');
            await store.appendVersions(batch);
          } finally {
            seen.running--;
          }
        },
      };
      return { store: slow, versions, seen };
    };

    const ok = slowStore(0);
    expect(await ingestDecisions(deps(ok.store), source(bytes))).toMatchObject({ written: 25_000 });
    expect(ok.seen.running).toBe(0);
    // Calls overlapped: the next versions were read while earlier ones were being written.
    expect(ok.seen.most).toBeGreaterThan(1);
    expect(ok.versions).toHaveLength(25_000);

    const failing = slowStore(3);
    await expect(ingestDecisions(deps(failing.store), source(bytes))).rejects.toThrow('store down');
    expect(failing.seen.running).toBe(0);
  });
});
