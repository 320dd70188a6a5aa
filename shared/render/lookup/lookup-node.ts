// FORMAT v2 of lookup-crypto.ts with node:crypto, for the renderer: the same
// bytes (unit tests check them against the WebCrypto code the page runs),
// without WebCrypto's per-call overhead (key import, thread-pool hop), which
// made sealing 30,000 entries take most of a render.
import { createCipheriv, createHmac, hkdfSync, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { ENTRY_BYTES, padEntry, type SessionLookupParams } from './lookup-crypto.js';

const pbkdf2Async = promisify(pbkdf2);
const VERSION = 'publibac/lookup/v2';
const AAD = Buffer.from(VERSION);

/** deriveRoot on libuv's thread pool, which keeps both cores busy. */
export async function deriveRootNode(
  secret: string,
  params: Pick<SessionLookupParams, 'salt' | 'iterations'>,
): Promise<string> {
  const root = await pbkdf2Async(
    secret,
    Buffer.from(params.salt, 'base64'),
    params.iterations,
    32,
    'sha256',
  );
  return root.toString('base64');
}

/** deriveEntryKeys, synchronously (a few microseconds). */
export function entryKeysSync(root: string, scope: string): string {
  const ikm = Buffer.from(root, 'base64');
  if (ikm.length !== 32) throw new Error('lookup root must be 32 bytes of base64');
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), `${VERSION}|${scope}`, 64)).toString(
    'base64',
  );
}

/** sealEntry, synchronously. */
export function sealEntrySync(keys: string, plaintext: string): string {
  const m = Buffer.from(keys, 'base64');
  if (m.length !== 64) throw new Error('lookup keys must be 64 bytes of base64');
  const padded = padEntry(Buffer.from(plaintext, 'utf8'));
  const nonce = createHmac('sha256', m.subarray(48, 64)).update(padded).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', m.subarray(16, 48), nonce);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([nonce, cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  if (sealed.length !== 12 + ENTRY_BYTES + 16)
    throw new Error('sealed entry of an unexpected size');
  return sealed.toString('base64');
}
