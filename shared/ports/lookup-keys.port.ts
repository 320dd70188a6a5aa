import type { SessionLookupParams } from '../render/lookup/lookup-crypto.js';

// The stored parameters are the lookup format's (its specification is in
// lookup-crypto.ts); adapters take the type from here, not from the renderer.
export type { SessionLookupParams };

/**
 * Per académie and session, the secrets of the private lookup:
 * - the public parameters (salt, cost, shard layout), fixed at the first
 *   render so that every later release of the session uses the same roots;
 * - the access-code secret, from which every candidate's code is derived
 *   (an HMAC of the number): made once, so a code can be re-issued
 *   identically and nothing needs to store the codes themselves;
 * - the cache of each candidate's derived root, so that the slow
 *   derivation is paid once per candidate and session.
 * The code secret and the roots open every result: they are as private as
 * the decisions, and never logged.
 */
export interface CachedRoot {
  numero: string;
  /** base64 of the 32 bytes of deriveRoot. */
  root: string;
}

export interface LookupKeyStore {
  params(session: string, academie: string): Promise<SessionLookupParams | undefined>;
  /** Stores params unless some already exist; returns the ones that hold (first writer wins). */
  createParams(
    session: string,
    academie: string,
    params: SessionLookupParams,
  ): Promise<SessionLookupParams>;
  /** The access-code secret (base64, 32 bytes), or undefined before the first one is created. */
  codeSecret(session: string, academie: string): Promise<string | undefined>;
  /** Stores the secret unless one exists; returns the one that holds (first writer wins). */
  createCodeSecret(session: string, academie: string, secret: string): Promise<string>;
  /** Every cached root of the académie's session, by candidate number. */
  roots(session: string, academie: string): Promise<Map<string, CachedRoot>>;
  putRoots(session: string, academie: string, roots: readonly CachedRoot[]): Promise<void>;
}
