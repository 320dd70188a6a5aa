import { describe, expect, it } from 'vitest';
import { canonicalNumber, lookupSecret } from '../../../shared/render/lookup/lookup-crypto.js';

const CODE = '7KQ2-M9XD-4TPA-RA';

describe('lookupSecret', () => {
  it.each([
    ['0123456789A', '0123456789A'],
    ['  0123456789a ', '0123456789A'],
    ['0123 4567 89a', '0123456789A'],
    ['０１２３４５６７８９Ａ', '0123456789A'],
  ])('number %j is trimmed, upper-cased, spaces and width folded', (numero, canonical) => {
    expect(canonicalNumber(numero)).toBe(canonical);
    expect(lookupSecret(numero, CODE)).toBe(`${canonical}|7KQ2M9XD4TPAR`);
  });

  it.each([[''], ['   '], ['0123-456'], ['ÉLÈVE1'], ['A'.repeat(33)], ['12|34']])(
    'number %j is unusable',
    (numero) => {
      expect(canonicalNumber(numero)).toBeNull();
      expect(lookupSecret(numero, CODE)).toBeNull();
    },
  );

  it('every accepted spelling of one code gives one secret', () => {
    const spellings = [
      CODE,
      '7kq2m9xd4tpara',
      '7KQ2 M9XD 4TPA RA',
      '7KQ2.M9XD.4TPA.RA',
      '７ＫＱ２-Ｍ９ＸＤ-４ＴＰＡ-ＲＡ',
    ];
    expect(new Set(spellings.map((c) => lookupSecret('x1', c)))).toEqual(
      new Set(['X1|7KQ2M9XD4TPAR']),
    );
  });

  it.each([
    ['12/03/2006'],
    [''],
    ['7KQ2-M9XD-4TPA-RB'],
    ['7KQ2-M9XD-4TPA-R'],
    ['7KQ2-M9XD-4TPA-RAA'],
  ])('code %j gives no secret', (code) => {
    expect(lookupSecret('0123456789A', code)).toBeNull();
  });
});
