import type { LookupParams } from '../render/lookup/lookup-crypto.js';

/**
 * Per académie and session: the public lookup parameters (salt, cost, shard
 * layout), fixed at the first render so that every later release of the
 * session uses the same keys, and the cache of each candidate's derived key
 * material, so that the slow derivation is paid once per candidate and
 * session rather than at every render.
 */
export interface CachedMaterial {
  numero: string;
  dateNaissance: string;
  /** base64 of the 64 bytes of deriveMaterial. */
  material: string;
}

export interface LookupKeyStore {
  params(session: string, academie: string): Promise<LookupParams | undefined>;
  /** Stores params unless some already exist; returns the ones that hold (first writer wins). */
  createParams(session: string, academie: string, params: LookupParams): Promise<LookupParams>;
  /** Every cached material of the académie's session, by candidate number. */
  materials(session: string, academie: string): Promise<Map<string, CachedMaterial>>;
  putMaterials(session: string, academie: string, materials: readonly CachedMaterial[]): Promise<void>;
}
