// Signed, expiring links to a rehearsal release, checked by the edge
// function (functions/edge/viewer-request.js): the only way to see one.
import { createHmac, randomBytes } from 'node:crypto';
import type { EdgeKeyValueStore } from '../ports/edge-kvs.port.js';

export const REHEARSAL_KEY = 'rehearsal-key';

/** The signing key, kept in the edge KVS where the function reads it; made on first use. */
export async function rehearsalKey(kvs: EdgeKeyValueStore): Promise<string> {
  const existing = await kvs.get(REHEARSAL_KEY);
  if (existing && existing.length >= 32) return existing;
  const key = randomBytes(32).toString('hex');
  await kvs.put(REHEARSAL_KEY, key);
  return key;
}

/** Path of a rehearsal's page, valid until `expires` (rounded down to the second). */
export function rehearsalPath(key: string, rehearsalId: string, slug: string, expires: Date, page = '/'): string {
  const exp = Math.floor(expires.getTime() / 1000);
  if (exp < 1e9 || exp >= 1e10) throw new Error('rehearsal expiry out of range');
  const sig = createHmac('sha256', key).update(`${rehearsalId}/${exp}`).digest('hex');
  return `/_rehearsal/${rehearsalId}/${exp}/${sig}/${slug}${page}`;
}
