// HMAC-SHA256 in plain JavaScript, for the renderer's HKDF only. Each lookup
// entry's keys cost three HMACs over short messages, and a node:crypto Hmac
// object costs 3-4 µs to create whatever the message: the per-call cost, not
// the hashing, dominated. Here a block costs about half a microsecond, so
// HKDF takes about half the CPU of hkdfSync (which also builds KeyObjects).
// Long messages (the 320-byte nonce input) stay with node:crypto. The unit
// tests hold it equal to node:crypto's createHmac and hkdfSync.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const W = new Int32Array(64);

/** One SHA-256 compression of the 64 bytes of `block` at `at` into `h`. */
function compress(h: Int32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4)
    W[i] =
      ((block[at] ?? 0) << 24) |
      ((block[at + 1] ?? 0) << 16) |
      ((block[at + 2] ?? 0) << 8) |
      (block[at + 3] ?? 0);
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15] ?? 0;
    const b = W[i - 2] ?? 0;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = ((W[i - 16] ?? 0) + s0 + (W[i - 7] ?? 0) + s1) | 0;
  }
  let a = h[0] ?? 0;
  let b = h[1] ?? 0;
  let c = h[2] ?? 0;
  let d = h[3] ?? 0;
  let e = h[4] ?? 0;
  let f = h[5] ?? 0;
  let g = h[6] ?? 0;
  let k = h[7] ?? 0;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + s1 + ((e & f) ^ (~e & g)) + (K[i] ?? 0) + (W[i] ?? 0)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] ?? 0) + a) | 0;
  h[1] = ((h[1] ?? 0) + b) | 0;
  h[2] = ((h[2] ?? 0) + c) | 0;
  h[3] = ((h[3] ?? 0) + d) | 0;
  h[4] = ((h[4] ?? 0) + e) | 0;
  h[5] = ((h[5] ?? 0) + f) | 0;
  h[6] = ((h[6] ?? 0) + g) | 0;
  h[7] = ((h[7] ?? 0) + k) | 0;
}

const scratch = new Uint8Array(64);

/**
 * Finishes a hash whose state `h` has absorbed `before` bytes (whole blocks)
 * with the parts given, and writes the 32-byte digest to `out` at `outAt`.
 */
function finish(
  h: Int32Array,
  before: number,
  parts: readonly Uint8Array[],
  out: Uint8Array,
  outAt: number,
): void {
  let fill = 0;
  let length = before;
  for (const part of parts) {
    length += part.length;
    // Every byte goes through one scratch block, so compress() only ever reads one kind of
    // array (Buffers and Uint8Arrays mixed made its element loads polymorphic and slow).
    for (let i = 0; i < part.length; i++) {
      scratch[fill++] = part[i] ?? 0;
      if (fill === 64) {
        compress(h, scratch, 0);
        fill = 0;
      }
    }
  }
  scratch[fill++] = 0x80;
  if (fill > 56) {
    scratch.fill(0, fill);
    compress(h, scratch, 0);
    fill = 0;
  }
  scratch.fill(0, fill, 56);
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  for (let i = 0; i < 4; i++) {
    scratch[56 + i] = (high >>> (24 - 8 * i)) & 0xff;
    scratch[60 + i] = (bits >>> (24 - 8 * i)) & 0xff;
  }
  compress(h, scratch, 0);
  for (let i = 0; i < 8; i++) {
    const w = h[i] ?? 0;
    out[outAt + 4 * i] = w >>> 24;
    out[outAt + 4 * i + 1] = (w >>> 16) & 0xff;
    out[outAt + 4 * i + 2] = (w >>> 8) & 0xff;
    out[outAt + 4 * i + 3] = w & 0xff;
  }
}

/** An HMAC key made ready: the hash states after its inner and outer padded blocks. */
export interface HmacKey {
  inner: Int32Array;
  outer: Int32Array;
}

const pad = new Uint8Array(64);

/** Keys of at most 64 bytes (the renderer's are 16 and 32). */
export function hmacKey(key: Uint8Array): HmacKey {
  return hmacKeyInto(key, { inner: new Int32Array(8), outer: new Int32Array(8) });
}

/**
 * hmacKey into states the caller keeps: the renderer makes one key per
 * candidate, and reusing its arrays spares the collector 1.4 million of them
 * in a national session.
 */
export function hmacKeyInto(key: Uint8Array, into: HmacKey): HmacKey {
  if (key.length > 64) throw new Error('HMAC keys over 64 bytes are not supported here');
  const state = (byte: number, h: Int32Array) => {
    pad.fill(byte);
    for (let i = 0; i < key.length; i++) pad[i] = (pad[i] ?? 0) ^ (key[i] ?? 0);
    h.set(IV);
    compress(h, pad, 0);
  };
  state(0x36, into.inner);
  state(0x5c, into.outer);
  return into;
}

const innerDigest = new Uint8Array(32);
const state = new Int32Array(8);

/** HMAC-SHA256(key, concatenation of parts), written as 32 bytes to `out` at `outAt`. */
export function hmacInto(
  key: HmacKey,
  parts: readonly Uint8Array[],
  out: Uint8Array,
  outAt = 0,
): void {
  state.set(key.inner);
  finish(state, 64, parts, innerDigest, 0);
  state.set(key.outer);
  finish(state, 64, [innerDigest], out, outAt);
}
