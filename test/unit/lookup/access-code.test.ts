import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  codeFromBytes,
  formatCode,
  parseCode,
} from '../../../shared/render/lookup/access-code.js';
import { accessCode, accessCodeData } from '../../../shared/publication/access-codes.js';

const data = fc
  .array(fc.constantFrom(...Array.from(CODE_ALPHABET)), { minLength: 13, maxLength: 13 })
  .map((a) => a.join(''));

describe('access codes', () => {
  it('prints 13 data symbols and a check symbol in groups of four', () => {
    expect(formatCode('7KQ2M9XD4TPAR')).toBe('7KQ2-M9XD-4TPA-RA');
    expect(() => formatCode('7KQ2M9XD4TPA')).toThrow();
    expect(() => formatCode('7KQ2M9XD4TPAU')).toThrow(); // U is not in the alphabet
  });

  it(
    'reads back what it prints, whatever the case, spaces, dashes and O/0, I/L/1 ' + 'confusions',
    () => {
      fc.assert(
        fc.property(data, (d) => {
          const shown = formatCode(d);
          expect(parseCode(shown)).toEqual({ ok: true, data: d });
          expect(parseCode(` ${shown.toLowerCase().replaceAll('-', ' ')} `)).toEqual({
            ok: true,
            data: d,
          });
          expect(
            parseCode(shown.replaceAll('-', '').replaceAll('0', 'O').replaceAll('1', 'I')),
          ).toEqual({ ok: true, data: d });
          expect(parseCode(shown.replaceAll('1', 'l'))).toEqual({ ok: true, data: d });
        }),
      );
    },
  );

  it('catches every single mistyped symbol and nearly every swap of two neighbours', () => {
    let swaps = 0;
    let missed = 0;
    fc.assert(
      fc.property(
        data,
        fc.nat(13),
        fc.constantFrom(...Array.from(CODE_ALPHABET)),
        (d, at, symbol) => {
          const full = formatCode(d).replaceAll('-', '');
          if (full[at] !== symbol)
            expect(parseCode(full.slice(0, at) + symbol + full.slice(at + 1)).ok).toBe(false);
          const i = Math.min(at, 12);
          if (full[i] !== full[i + 1]) {
            swaps++;
            const swapped =
              full.slice(0, i) + full.charAt(i + 1) + full.charAt(i) + full.slice(i + 2);
            if (parseCode(swapped).ok) missed++;
          }
        },
      ),
      { numRuns: 2_000 },
    );
    // Luhn mod 32 misses only swaps of symbol pairs whose doubled values collide (0 and Z): about 1
    // in 500.
    expect(missed / swaps).toBeLessThan(0.01);
  });

  it('says why a typed code is refused, without deriving anything', () => {
    expect(parseCode('7KQ2-M9XD-4TPA')).toEqual({ ok: false, reason: 'length' });
    expect(parseCode('7KQ2-M9XD-4TPA-R!')).toEqual({ ok: false, reason: 'symbol' });
    expect(parseCode('7KQ2-M9XD-4TPA-RU')).toEqual({ ok: false, reason: 'symbol' });
    expect(parseCode('7KQ2-M9XD-4TPA-RB')).toEqual({ ok: false, reason: 'check' });
    expect(parseCode('12/03/2006')).toEqual({ ok: false, reason: 'length' });
  });

  it('takes the first 65 bits of the bytes it is given', () => {
    expect(codeFromBytes(new Uint8Array(9))).toBe('0000000000000');
    expect(codeFromBytes(new Uint8Array(9).fill(0xff))).toBe('ZZZZZZZZZZZZZ');
    // Bit 66 onwards does not count.
    expect(codeFromBytes(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0x7f]))).toBe('0000000000000');
    expect(codeFromBytes(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0x80]))).toBe('0000000000001');
    expect(() => codeFromBytes(new Uint8Array(8))).toThrow();
  });

  it(
    'derives the same code for the same number every time, and another for another number or ' +
      'secret',
    () => {
      const secret = Buffer.alloc(32, 7).toString('base64');
      const other = Buffer.alloc(32, 8).toString('base64');
      expect(accessCode(secret, '24000012345')).toBe(accessCode(secret, '24000012345'));
      expect(accessCode(secret, '24000012345')).toBe(
        formatCode(accessCodeData(secret, '24000012345')),
      );
      expect(accessCode(secret, '24000012345')).not.toBe(accessCode(secret, '24000012346'));
      expect(accessCode(secret, '24000012345')).not.toBe(accessCode(other, '24000012345'));
      expect(accessCode(secret, '24000012345')).toMatch(
        /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/,
      );
    },
  );
});
