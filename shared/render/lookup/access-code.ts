/*
 * The candidate's access code, as people read, write and type it.
 * Isomorphic (bundled into the public page, used by the renderer and the
 * code export): plain string code, no crypto here. The code itself is
 * derived from the candidate number under a per-académie, per-session secret
 * (shared/publication/access-codes.ts); this module only spells it.
 *
 * FORMAT (frozen: printed on convocations and slips before results day)
 *   data   13 symbols of Crockford's base32 alphabet 0-9 A-Z without I L O U
 *          = 65 bits, the first 65 bits of the derivation
 *   check  1 symbol: Luhn mod 32 over the 13 data symbols, so any single
 *          mistyped symbol and most swaps of two neighbours are caught on the
 *          phone, before any key is derived
 *   shown  "7KQ2-M9XD-4TPA-RA": groups of 4, the check symbol last
 *   typed  case, spaces, dashes and dots do not matter; O is read as 0 and
 *          I or L as 1, the confusions Crockford's alphabet is built to absorb
 * Why 65 bits: the shards are public, so the code is all that stands between
 * an offline search and a result; 2^65 codes per number puts one entry at an
 * expected 2^64 key derivations (see docs/privacy.md).
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_DATA_SYMBOLS = 13;
export const CODE_BITS = CODE_DATA_SYMBOLS * 5;

const VALUE = new Map<string, number>(Array.from(CODE_ALPHABET, (c, i) => [c, i]));
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** The symbol of a value 0-31. */
function symbol(value: number): string {
  const c = CODE_ALPHABET[value];
  if (c === undefined) throw new RangeError(`no access-code symbol has the value ${value}`);
  return c;
}

/** Luhn mod 32: doubles every second symbol from the right, as the decimal Luhn does. */
function checkSymbol(data: readonly number[]): string {
  let sum = 0;
  data.forEach((value, i) => {
    const v = value * ((data.length - 1 - i) % 2 === 0 ? 2 : 1);
    sum += Math.floor(v / 32) + (v % 32);
  });
  return symbol((32 - (sum % 32)) % 32);
}

/** The 13 data symbols from 65 bits (the first bytes of a derivation, big-endian). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 9) throw new Error('an access code needs at least 9 bytes');
  let bits = 0n;
  for (const byte of bytes.subarray(0, 9)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 72n - BigInt(CODE_BITS);
  let out = '';
  for (let i = CODE_DATA_SYMBOLS - 1; i >= 0; i--)
    out += symbol(Number((bits >> BigInt(5 * i)) & 31n));
  return out;
}

/** "7KQ2M9XD4TPAR" → "7KQ2-M9XD-4TPA-RA" (data symbols in, check symbol added). */
export function formatCode(data: string): string {
  const values = Array.from(data, (c) => VALUE.get(c));
  if (values.length !== CODE_DATA_SYMBOLS || !values.every((v) => v !== undefined))
    throw new Error('not the data symbols of an access code');
  const full = data + checkSymbol(values);
  return (full.match(/.{1,4}/g) ?? []).join('-');
}

export type ParsedCode =
  { ok: true; data: string } | { ok: false; reason: 'length' | 'symbol' | 'check' };

/**
 * What the candidate typed, read leniently and checked: the 13 data symbols
 * (the key derivation's input) or why it cannot be a code. The reason only
 * concerns the typing; it says nothing about any candidate.
 */
export function parseCode(typed: string): ParsedCode {
  // Code points, not UTF-16 units: a character outside the alphabet is one wrong symbol.
  const folded = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-_]+/g, '');
  const chars = Array.from(folded, (c) => CONFUSABLE[c] ?? c);
  if (chars.length !== CODE_DATA_SYMBOLS + 1) return { ok: false, reason: 'length' };
  const values = chars.map((c) => VALUE.get(c));
  if (!values.every((v) => v !== undefined)) return { ok: false, reason: 'symbol' };
  const data = chars.slice(0, CODE_DATA_SYMBOLS);
  if (checkSymbol(values.slice(0, CODE_DATA_SYMBOLS)) !== chars[CODE_DATA_SYMBOLS])
    return { ok: false, reason: 'check' };
  return { ok: true, data: data.join('') };
}
