// Key material for the private lookup, derived once per candidate and
// session and kept in the LookupKeyStore, so that a render costs seconds
// whatever the PBKDF2 cost (design section 5).
import { hkdf, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { LookupKeyStore, CachedMaterial } from '../ports/lookup-keys.port.js';
import type { Progress } from '../ports/byte-source.port.js';
import { silentProgress } from '../ports/byte-source.port.js';
import { lookupSecret, type LookupParams } from '../render/lookup/lookup-crypto.js';
import { chooseShardChars } from '../render/lookup/lookup-shards.js';
import { mapLimit } from '../render/release.js';

const pbkdf2Async = promisify(pbkdf2);
const hkdfAsync = promisify(hkdf);
const LABEL = Buffer.from('publibac/lookup/v1');

/**
 * deriveMaterial (lookup-crypto.ts, FORMAT v1) with node:crypto: the same
 * bytes (a unit test checks), computed on libuv's thread pool, which keeps
 * both cores busy where WebCrypto's per-call overhead did not.
 */
export async function deriveMaterialNode(secret: string, params: Pick<LookupParams, 'salt' | 'iterations'>): Promise<string> {
  const prk = await pbkdf2Async(secret, Buffer.from(params.salt, 'base64'), params.iterations, 32, 'sha256');
  const okm = await hkdfAsync('sha256', prk, Buffer.alloc(0), LABEL, 64);
  return Buffer.from(okm).toString('base64');
}

/** The PBKDF2 cost used unless the operator sets another (PUBLIBAC_LOOKUP_ITERATIONS or --iterations). */
export const DEFAULT_ITERATIONS = 100_000;

export interface Candidate {
  numero: string;
  dateNaissance: string;
}

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
): Promise<LookupParams> {
  const existing = await keys.params(session, academie);
  if (existing) return existing;
  const fresh = { salt: randomBytes(16).toString('base64'), iterations, shardChars: chooseShardChars(candidates) };
  return keys.createParams(session, academie, fresh);
}

/**
 * Material for every candidate given: from the cache, or derived now and
 * cached (a corrected birth date is derived again). Returns a lookup
 * function for the renderer; throws if asked for a candidate not prepared.
 */
export async function prepareMaterials(
  keys: LookupKeyStore,
  session: string,
  academie: string,
  params: LookupParams,
  candidates: readonly Candidate[],
  progress: Progress = silentProgress,
): Promise<{ material: (numero: string, dateNaissance: string) => Promise<string>; derived: number }> {
  const cache = await keys.materials(session, academie);
  const missing = candidates.filter((c) => cache.get(c.numero)?.dateNaissance !== c.dateNaissance);
  if (missing.length > 0) {
    progress.start('derive', missing.length);
    let done = 0;
    // Derive and store in slices: an interrupted render keeps what it paid for.
    for (let i = 0; i < missing.length; i += 2_000) {
      const slice = missing.slice(i, i + 2_000);
      const fresh: CachedMaterial[] = await mapLimit(slice, 4, async (c) => {
        const secret = lookupSecret(c.numero, c.dateNaissance);
        // Stored decisions were validated at ingest; this guards the invariant without naming anyone.
        if (secret === null) throw new Error('a stored candidate number and birth date make no lookup secret');
        const material = await deriveMaterialNode(secret, params);
        progress.update(++done);
        return { ...c, material };
      });
      await keys.putMaterials(session, academie, fresh);
      for (const m of fresh) cache.set(m.numero, m);
    }
    progress.stop();
  }
  return {
    derived: missing.length,
    material: async (numero, dateNaissance) => {
      const m = cache.get(numero);
      if (m?.dateNaissance !== dateNaissance) throw new Error('lookup material asked for a candidate that was not prepared');
      return m.material;
    },
  };
}
