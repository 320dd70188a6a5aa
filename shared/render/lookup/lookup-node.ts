// FORMAT v2 of lookup-crypto.ts with node:crypto, for the renderer: the same
// bytes (unit tests check them against the WebCrypto code the page runs),
// without WebCrypto's per-call overhead (key import, thread-pool hop), which
// made sealing 30,000 entries take most of a render.
import { createCipheriv, createHmac, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { hmacInto, hmacKey, hmacKeyInto, type HmacKey } from './hmac-sha256.js';
import { ENTRY_BYTES, padEntry, type SessionLookupParams } from './lookup-crypto.js';

const pbkdf2Async = promisify(pbkdf2);
const VERSION = 'publibac/lookup/v2';
const AAD = Buffer.from(VERSION);
/** HKDF with an empty salt uses HashLen zero bytes (RFC 5869, 2.2): the same HMAC key. */
const NO_SALT = hmacKey(new Uint8Array(32));
const ONE = Uint8Array.of(1);
const TWO = Uint8Array.of(2);

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

/**
 * HKDF-SHA256(root, empty salt, info, 64 bytes) written out as its three
 * HMACs (RFC 5869) with the plain-JavaScript HMAC: hkdfSync builds
 * KeyObjects on every call, which made key derivation a quarter of a render.
 */
function entryKeyBytes(root: string, info: Uint8Array): Buffer {
  const ikm = Buffer.from(root, 'base64');
  if (ikm.length !== 32) throw new Error('lookup root must be 32 bytes of base64');
  const okm = Buffer.alloc(64);
  hmacInto(NO_SALT, [ikm], okm, 0);
  const prk = hmacKey(okm.subarray(0, 32));
  hmacInto(prk, [info, ONE], okm, 0);
  hmacInto(prk, [okm.subarray(0, 32), info, TWO], okm, 32);
  return okm;
}

const infoFor = (scope: string) => Buffer.from(`${VERSION}|${scope}`, 'utf8');

/** deriveEntryKeys, synchronously (a few microseconds). */
export function entryKeysSync(root: string, scope: string): string {
  return entryKeyBytes(root, infoFor(scope)).toString('base64');
}

function seal(m: Buffer, padded: Uint8Array): string {
  // node:crypto here: over 320 bytes its native hashing beats the JavaScript HMAC's blocks.
  const nonce = createHmac('sha256', m.subarray(48, 64)).update(padded).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', m.subarray(16, 48), nonce);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([nonce, cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  if (sealed.length !== 12 + ENTRY_BYTES + 16)
    throw new Error('sealed entry of an unexpected size');
  return sealed.toString('base64');
}

/** sealEntry, synchronously. */
export function sealEntrySync(keys: string, plaintext: string): string {
  const m = Buffer.from(keys, 'base64');
  if (m.length !== 64) throw new Error('lookup keys must be 64 bytes of base64');
  return seal(m, padEntry(Buffer.from(plaintext, 'utf8')));
}

/**
 * The renderer's path for one scope: root and plaintext in, id and sealed
 * text out, the same as entryId(entryKeysSync(...)) and sealEntrySync(...)
 * without the base64 round trips. Releases hold a handful of distinct
 * plaintexts, so each is padded once. Everything per candidate is written
 * into buffers the sealer keeps (root, keys, HMAC states, the sealed bytes):
 * the collector takes a sixth of a national render, and a dozen short-lived
 * buffers per candidate were part of its work.
 */
export function entrySealer(
  scope: string,
): (root: string, plaintext: string) => { id: string; sealed: string } {
  const info = infoFor(scope);
  const padded = new Map<string, Uint8Array>();
  const ikm = Buffer.alloc(32);
  const okm = Buffer.alloc(64);
  const prk: HmacKey = { inner: new Int32Array(8), outer: new Int32Array(8) };
  const aesKey = Buffer.alloc(32);
  const out = Buffer.alloc(12 + ENTRY_BYTES + 16);
  const nonce = out.subarray(0, 12);
  const t1 = okm.subarray(0, 32);
  const macKey = okm.subarray(48, 64);
  return (root, plaintext) => {
    let p = padded.get(plaintext);
    if (!p) {
      p = padEntry(Buffer.from(plaintext, 'utf8'));
      padded.set(plaintext, p);
    }
    // 44 base64 chars are exactly 32 bytes; anything else is not a root.
    if (root.length !== 44 || ikm.write(root, 'base64') !== 32)
      throw new Error('lookup root must be 32 bytes of base64');
    // HKDF (RFC 5869): PRK = HMAC(zeros, root); T1 = HMAC(PRK, info|1); T2 = HMAC(PRK, T1|info|2).
    hmacInto(NO_SALT, [ikm], okm, 0);
    hmacKeyInto(t1, prk);
    hmacInto(prk, [info, ONE], okm, 0);
    hmacInto(prk, [t1, info, TWO], okm, 32);
    createHmac('sha256', macKey).update(p).digest().copy(nonce, 0, 0, 12);
    okm.copy(aesKey, 0, 16, 48);
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce);
    cipher.setAAD(AAD);
    if (cipher.update(p).copy(out, 12) !== ENTRY_BYTES || cipher.final().length !== 0)
      throw new Error('sealed entry of an unexpected size');
    cipher.getAuthTag().copy(out, 12 + ENTRY_BYTES);
    return { id: okm.toString('hex', 0, 16), sealed: out.toString('base64') };
  };
}
