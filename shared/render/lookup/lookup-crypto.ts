/*
 * Private result lookup: the cryptographic format shared by the renderer
 * (Node) and the public page (browser). Isomorphic on purpose: only
 * globalThis.crypto.subtle, TextEncoder/TextDecoder, Uint8Array and atob/btoa,
 * so esbuild bundles it for the browser unchanged. Shards already published
 * must stay readable by the page: treat everything below as frozen, and bump
 * the version label (and the "v" of the shard and params files) to change any of it.
 *
 * FORMAT v2
 *   number    = what was typed, NFKC-folded, whitespace dropped, upper-cased: [0-9A-Z]{1,32}
 *   code      = the 13 data symbols of the candidate's access code (access-code.ts)
 *   secret    = number "|" code                                     (UTF-8)
 *   root      = PBKDF2-HMAC-SHA256(secret, salt, iterations, 32 bytes)
 *   keys      = HKDF-SHA256(ikm = root, salt = empty, info = "publibac/lookup/v2|" scope, 64 bytes)
 *     bytes  0..16  entry id, written as 32 lowercase hex chars
 *     bytes 16..48  AES-256-GCM key
 *     bytes 48..64  HMAC-SHA256 key for nonces
 *   scope     = "<session>|<académie>|g<group>" for a release, the same ending
 *               in "|rehearsal" for a rehearsal (params.json gives it)
 *   shard     = first shardChars hex chars of the id, file "<shard>.json",
 *               text {"v":2,"entries":{"<id>":"<sealed>",...}}
 *   padded    = UTF-8(plaintext) ‖ 0x80 ‖ 0x00…  to exactly ENTRY_BYTES (320: the longest BCP
 * spécialité
 *               with its outcome label takes about 300)
 *   nonce     = HMAC-SHA256(nonce key, padded)[0..12]
 *   sealed    = base64( nonce(12) ‖ AES-256-GCM(key, nonce, padded,
 *                                      aad = "publibac/lookup/v2")(ciphertext ‖ 16-byte tag) )
 *   base64 is the standard alphabet with "=" padding, for salt, root, keys and sealed.
 *
 * Why an access code and not the birth date (v1): numbers are sequential and
 * birth dates fall in about three years, some 25 bits, which one GPU searches
 * in minutes whatever the iteration count. The code carries 65 bits, so the
 * cost is in the secret and PBKDF2 only multiplies it (docs/privacy.md).
 * Why the root is cached and HKDF gives the keys: the slow step is paid once
 * per candidate and session (the renderer caches the root), while each
 * release scope gets its own ids and keys, so group-1, group-2 and rehearsal
 * files cannot be matched entry by entry.
 * Why the nonce comes from the plaintext (SIV-like): rendering must be
 * deterministic, and a nonce that is a function of the key and the message
 * never repeats for two different messages under one key.
 * Why one fixed size: the ciphertext length would otherwise say which
 * outcome (and which spécialité) an entry holds.
 */
import { parseCode } from './access-code.js';
import type { Groupe } from '../../domain/vocabulary.js';

const VERSION = 'publibac/lookup/v2';
export const FORMAT_VERSION = 2;
const ROOT_BYTES = 32;
const KEYS_BYTES = 64;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const ENTRY_BYTES = 320;

/**
 * The session's part of the parameters: fixed at its first render, so a candidate's root never
 * changes.
 */
export interface SessionLookupParams {
  /** base64, 16 bytes; public (the page needs it). */
  salt: string;
  iterations: number;
  /** Hex chars of the id naming the shard, 1..4. */
  shardChars: number;
}

/** What `params.json` of a release holds. */
export interface LookupParams extends SessionLookupParams {
  v: typeof FORMAT_VERSION;
  scope: string;
}

const utf8 = new TextEncoder();
const aad = utf8.encode(VERSION);

/** "2024-06|aix-marseille|g1", or "...|g1|rehearsal". */
export function lookupScope(
  session: string,
  academie: string,
  groupe: Groupe,
  rehearsal = false,
): string {
  return `${session}|${academie}|g${groupe}${rehearsal ? '|rehearsal' : ''}`;
}

/** The candidate number as the derivation reads it, or null when it cannot be one. */
export function canonicalNumber(typed: string): string | null {
  // NFKC folds full-width digits and letters that phone keyboards may produce;
  // convocations print numbers in groups, so inner spaces go too.
  const n = typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return /^[0-9A-Z]{1,32}$/.test(n) ? n : null;
}

/**
 * Canonical secret from what the candidate types, or null when either part
 * is unusable (which spares a derivation that could not match anyone).
 */
export function lookupSecret(numero: string, code: string): string | null {
  const n = canonicalNumber(numero);
  const c = parseCode(code);
  return n !== null && c.ok ? `${n}|${c.data}` : null;
}

/** The slow step: done once per candidate and session, then cached by the renderer. */
export async function deriveRoot(
  secret: string,
  params: Pick<SessionLookupParams, 'salt' | 'iterations'>,
): Promise<string> {
  const salt = base64ToBytes(params.salt);
  if (salt?.length !== SALT_BYTES)
    throw new Error(`lookup salt must be ${SALT_BYTES} bytes of base64`);
  if (!Number.isSafeInteger(params.iterations) || params.iterations < 1)
    throw new Error('lookup iterations must be a positive integer');
  const subtle = globalThis.crypto.subtle;
  const password = await subtle.importKey('raw', utf8.encode(secret), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const root = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
    password,
    ROOT_BYTES * 8,
  );
  return bytesToBase64(new Uint8Array(root));
}

/** The id and keys of one entry in one scope: cheap, done per release. */
export async function deriveEntryKeys(root: string, scope: string): Promise<string> {
  const ikm = base64ToBytes(root);
  if (ikm?.length !== ROOT_BYTES)
    throw new Error(`lookup root must be ${ROOT_BYTES} bytes of base64`);
  const key = await globalThis.crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const info = utf8.encode(`${VERSION}|${scope}`);
  const okm = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info },
    key,
    KEYS_BYTES * 8,
  );
  return bytesToBase64(new Uint8Array(okm));
}

function keyBytes(keys: string): Uint8Array<ArrayBuffer> {
  const bytes = base64ToBytes(keys);
  if (bytes?.length !== KEYS_BYTES)
    throw new Error(`lookup keys must be ${KEYS_BYTES} bytes of base64`);
  return bytes;
}

export function entryId(keys: string): string {
  return toHex(keyBytes(keys).subarray(0, 16));
}

export function shardName(id: string, shardChars: number): string {
  if (!Number.isInteger(shardChars) || shardChars < 1 || shardChars > 4)
    throw new Error('shardChars must be 1..4');
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Error('entry id must be 32 lowercase hex chars');
  return id.slice(0, shardChars);
}

async function cryptoKeys(keys: string): Promise<{ aes: CryptoKey; mac: CryptoKey }> {
  const m = keyBytes(keys);
  const subtle = globalThis.crypto.subtle;
  const aes = await subtle.importKey('raw', m.slice(16, 48), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const mac = await subtle.importKey(
    'raw',
    m.slice(48, 64),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return { aes, mac };
}

/**
 * Deterministic: the same keys and plaintext always give the same string. Throws if the plaintext
 * does not fit.
 */
export async function sealEntry(keys: string, plaintext: string): Promise<string> {
  const { aes, mac } = await cryptoKeys(keys);
  const padded = padEntry(utf8.encode(plaintext));
  const subtle = globalThis.crypto.subtle;
  const nonce = new Uint8Array(await subtle.sign('HMAC', mac, padded)).slice(0, NONCE_BYTES);
  const ct = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, aes, padded),
  );
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(nonce);
  out.set(ct, NONCE_BYTES);
  return bytesToBase64(out);
}

/**
 * Null, never an exception, for a wrong key or corrupt data: the caller shows one neutral message.
 */
export async function openEntry(keys: string, sealed: string): Promise<string | null> {
  try {
    const { aes } = await cryptoKeys(keys);
    const bytes = base64ToBytes(sealed);
    if (bytes?.length !== NONCE_BYTES + ENTRY_BYTES + TAG_BYTES) return null;
    const iv = bytes.slice(0, NONCE_BYTES);
    const padded = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: aad },
        aes,
        bytes.slice(NONCE_BYTES),
      ),
    );
    const plain = unpad(padded);
    return plain === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** The plaintext, its 0x80 marker and zeros to exactly ENTRY_BYTES. */
export function padEntry(data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (data.length + 1 > ENTRY_BYTES)
    throw new Error(`a lookup entry must fit in ${ENTRY_BYTES - 1} bytes (got ${data.length})`);
  const out = new Uint8Array(ENTRY_BYTES);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

function unpad(padded: Uint8Array): Uint8Array | null {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  return i >= 0 && padded[i] === 0x80 ? padded.subarray(0, i) : null;
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Standard base64 with padding. Chunked so large inputs stay under argument-count limits. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Strict decoding (atob alone tolerates whitespace and missing padding); null when not base64. */
export function base64ToBytes(s: string): Uint8Array<ArrayBuffer> | null {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
