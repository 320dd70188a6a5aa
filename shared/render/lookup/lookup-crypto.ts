/*
 * Private result lookup: the cryptographic format shared by the renderer
 * (Node) and the public page (browser). Isomorphic on purpose: only
 * globalThis.crypto.subtle, TextEncoder/TextDecoder, Uint8Array and atob/btoa,
 * so esbuild bundles it for the browser unchanged. Shards already published
 * must stay readable by the page: treat everything below as frozen, and bump
 * the version label (and the shard file's "v") to change any of it.
 *
 * FORMAT v1
 *   secret    = NUMERO "|" YYYY-MM-DD          (see lookupSecret; UTF-8)
 *   prk       = PBKDF2-HMAC-SHA256(secret, salt, iterations, 32 bytes)
 *   material  = HKDF-SHA256(ikm = prk, salt = empty, info = "publibac/lookup/v1", 64 bytes)
 *     bytes  0..16  entry id, written as 32 lowercase hex chars
 *     bytes 16..48  AES-256-GCM key
 *     bytes 48..64  HMAC-SHA256 key for nonces
 *   shard     = first shardChars hex chars of the id, file "<shard>.json"
 *   padded    = UTF-8(plaintext) ‖ 0x80 ‖ 0x00…  up to a multiple of 128 bytes
 *   nonce     = HMAC-SHA256(nonce key, padded)[0..12]
 *   sealed    = base64( nonce(12) ‖ AES-256-GCM(key, nonce, padded,
 *                                      aad = "publibac/lookup/v1")(ciphertext ‖ 16-byte tag) )
 *   base64 is the standard alphabet with "=" padding, for salt, material and sealed.
 *
 * Why PBKDF2 gives 32 bytes and HKDF stretches them: PBKDF2 computes each
 * 32-byte output block with a full run of iterations, and the id sits in the
 * first block. Asking PBKDF2 for 64 bytes would double the renderer's and the
 * page's cost while an enumerating attacker, who only needs the id, pays once.
 * Why the nonce comes from the plaintext (SIV-like): rendering must be
 * deterministic, and a nonce that is a function of the key and the message
 * never repeats for two different messages under one key.
 * Why padding: ciphertext length would otherwise reveal the length of the
 * name and of the outcome label.
 */

const LABEL = 'publibac/lookup/v1';
const MATERIAL_BYTES = 64;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const PAD_BLOCK = 128;

export interface LookupParams {
  /** base64, 16 bytes; one per session, public (the page needs it). */
  salt: string;
  iterations: number;
  /** Hex chars of the id naming the shard, 1..4. */
  shardChars: number;
}

const utf8 = new TextEncoder();
const label = utf8.encode(LABEL);

/**
 * Canonical secret from what the candidate types: number trimmed and
 * upper-cased (inner spaces dropped too, as convocations print numbers in
 * groups), birth date as dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or
 * yyyy-mm-dd, normalised to yyyy-mm-dd. Null when unusable, which spares a
 * slow derivation that could not match anyone.
 */
export function lookupSecret(numero: string, dateNaissance: string): string | null {
  // NFKC folds full-width digits and letters that phone keyboards may produce.
  const n = numero.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{1,32}$/.test(n)) return null;
  const date = normaliseDate(dateNaissance.normalize('NFKC').trim());
  return date === null ? null : `${n}|${date}`;
}

function normaliseDate(s: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const fr = iso ? null : /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[4], fr[3], fr[1]] : [];
  if (y === undefined || mo === undefined || d === undefined) return null;
  const year = Number(y), month = Number(mo), day = Number(d);
  // Before 1900 is a typo, not a candidate; refusing it spares a derivation.
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!) return null;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The slow step: done once per candidate and session, then cached by the renderer. */
export async function deriveMaterial(secret: string, params: Pick<LookupParams, 'salt' | 'iterations'>): Promise<string> {
  const salt = base64ToBytes(params.salt);
  if (salt?.length !== SALT_BYTES) throw new Error(`lookup salt must be ${SALT_BYTES} bytes of base64`);
  if (!Number.isSafeInteger(params.iterations) || params.iterations < 1) throw new Error('lookup iterations must be a positive integer');
  const subtle = globalThis.crypto.subtle;
  const password = await subtle.importKey('raw', utf8.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const prk = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations }, password, 256);
  const ikm = await subtle.importKey('raw', prk, 'HKDF', false, ['deriveBits']);
  const okm = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: label }, ikm, MATERIAL_BYTES * 8);
  return bytesToBase64(new Uint8Array(okm));
}

function materialBytes(material: string): Uint8Array<ArrayBuffer> {
  const bytes = base64ToBytes(material);
  if (bytes?.length !== MATERIAL_BYTES) throw new Error(`lookup material must be ${MATERIAL_BYTES} bytes of base64`);
  return bytes;
}

export function entryId(material: string): string {
  return toHex(materialBytes(material).subarray(0, 16));
}

export function shardName(id: string, shardChars: number): string {
  if (!Number.isInteger(shardChars) || shardChars < 1 || shardChars > 4) throw new Error('shardChars must be 1..4');
  if (!/^[0-9a-f]{32}$/.test(id)) throw new Error('entry id must be 32 lowercase hex chars');
  return id.slice(0, shardChars);
}

async function keys(material: string): Promise<{ aes: CryptoKey; mac: CryptoKey }> {
  const m = materialBytes(material);
  const subtle = globalThis.crypto.subtle;
  const aes = await subtle.importKey('raw', m.slice(16, 48), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const mac = await subtle.importKey('raw', m.slice(48, 64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return { aes, mac };
}

/** Deterministic: the same material and plaintext always give the same string. */
export async function sealEntry(material: string, plaintext: string): Promise<string> {
  const { aes, mac } = await keys(material);
  const padded = pad(utf8.encode(plaintext));
  const subtle = globalThis.crypto.subtle;
  const nonce = new Uint8Array(await subtle.sign('HMAC', mac, padded)).slice(0, NONCE_BYTES);
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: label }, aes, padded));
  const out = new Uint8Array(NONCE_BYTES + ct.length);
  out.set(nonce);
  out.set(ct, NONCE_BYTES);
  return bytesToBase64(out);
}

/** Null, never an exception, for a wrong key or corrupt data: the caller shows one neutral message. */
export async function openEntry(material: string, sealed: string): Promise<string | null> {
  try {
    const { aes } = await keys(material);
    const bytes = base64ToBytes(sealed);
    if (!bytes || bytes.length < NONCE_BYTES + TAG_BYTES + PAD_BLOCK) return null;
    const iv = bytes.slice(0, NONCE_BYTES);
    const padded = new Uint8Array(
      await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: label }, aes, bytes.slice(NONCE_BYTES)),
    );
    const plain = unpad(padded);
    return plain === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

function pad(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.ceil((data.length + 1) / PAD_BLOCK) * PAD_BLOCK);
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
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
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
