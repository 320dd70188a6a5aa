// Key material for the private lookup: each candidate's root (the slow
// PBKDF2 step over number and access code) is derived once per session and
// kept in the LookupKeyStore, so that a render costs seconds whatever the
// cost chosen (design section 5; the arithmetic in docs/privacy.md).
import { randomBytes } from 'node:crypto';
import type { Progress } from '../ports/byte-source.port.js';
import { silentProgress } from '../ports/byte-source.port.js';
import type { CachedRoot, LookupKeyStore } from '../ports/lookup-keys.port.js';
import type { SessionLookupParams } from '../render/lookup/lookup-crypto.js';
import { deriveRootNode } from '../render/lookup/lookup-node.js';
import { chooseShardChars } from '../render/lookup/lookup-shards.js';
import pMap from 'p-map';
import { accessCodeData } from './access-codes.js';

/**
 * The PBKDF2 cost used unless the operator sets another
 * (PUBLIBAC_LOOKUP_ITERATIONS or --iterations): with a 65-bit code the
 * secret carries the cost, and 1,000 iterations multiply it by 2^10 for a
 * millisecond on a phone and a quarter of a millisecond per candidate on the
 * renderer (docs/privacy.md).
 */
export const DEFAULT_ITERATIONS = 1_000;

/**
 * The session's lookup parameters, created at the first render: a random
 * salt, the cost asked for, and a shard layout sized on every candidate of
 * the académie (withheld ones included), so that a later flag or release
 * never changes the layout of the files.
 */
export async function sessionLookupParams(
  keys: LookupKeyStore,
  session: string,
  academie: string,
  candidates: number,
  iterations: number,
): Promise<SessionLookupParams> {
  const existing = await keys.params(session, academie);
  if (existing) return existing;
  const fresh = {
    salt: randomBytes(16).toString('base64'),
    iterations,
    shardChars: chooseShardChars(candidates),
  };
  return keys.createParams(session, academie, fresh);
}

/**
 * Where roots come from: a store for releases (cached per session), nothing for a rehearsal
 * (derived each time).
 */
export interface RootSource {
  params: SessionLookupParams;
  codeSecret: string;
  cache?: { keys: LookupKeyStore; session: string; academie: string };
}

/**
 * The root of every candidate given: from the cache, or derived now (and
 * cached). Returns a lookup function for the renderer; it throws if asked
 * for a candidate not prepared.
 */
export async function prepareRoots(
  source: RootSource,
  numeros: readonly string[],
  progress: Progress = silentProgress,
): Promise<{ root: (numero: string) => string; derived: number }> {
  const { cache } = source;
  const roots = cache
    ? await cache.keys.roots(cache.session, cache.academie)
    : new Map<string, CachedRoot>();
  const missing = numeros.filter((n) => !roots.has(n));
  if (missing.length > 0) {
    progress.start('derive', missing.length);
    let done = 0;
    // Derive and store in slices: an interrupted render keeps what it paid for. A slice's write
    // runs while the next slice is derived (the derivation works on libuv's pool, the write waits
    // on the table); one write at a time, so slices are stored in order, each once derived.
    let writing: Promise<void> = Promise.resolve();
    // A write's failure is caught at once (a rejection left unobserved during the next slice's
    // derivation would be an unhandled rejection) and rethrown below: it fails the call.
    let failed: { error: unknown } | undefined;
    try {
      for (let i = 0; i < missing.length; i += 2_000) {
        const fresh = await pMap(
          missing.slice(i, i + 2_000),
          async (numero): Promise<CachedRoot> => {
            // A failed write fails the call: no point deriving the rest of the slice.
            if (failed) throw failed.error;
            const root = await deriveRootNode(
              `${numero}|${accessCodeData(source.codeSecret, numero)}`,
              source.params,
            );
            progress.update(++done);
            return { numero, root };
          },
          { concurrency: 4 },
        );
        for (const r of fresh) roots.set(r.numero, r);
        await writing;
        if (failed) throw failed.error;
        if (cache)
          writing = cache.keys
            .putRoots(cache.session, cache.academie, fresh)
            .catch((error: unknown) => {
              failed ??= { error };
            });
      }
      await writing;
      if (failed) throw failed.error;
    } finally {
      // Never returns (or throws) with a write still in flight; `writing` itself never rejects.
      await writing;
    }
    progress.stop();
  }
  return {
    derived: missing.length,
    root: (numero) => {
      const r = roots.get(numero);
      if (!r) throw new Error('lookup root asked for a candidate that was not prepared');
      return r.root;
    },
  };
}
