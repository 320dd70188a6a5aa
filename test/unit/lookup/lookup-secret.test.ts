import { describe, expect, it } from 'vitest';
import { lookupSecret } from '../../../shared/render/lookup/lookup-crypto.js';

describe('lookupSecret', () => {
  it.each([
    ['0123456789A', '12/03/2006', '0123456789A|2006-03-12'],
    ['  0123456789a ', '12/03/2006', '0123456789A|2006-03-12'],
    ['0123 4567 89a', '12/03/2006', '0123456789A|2006-03-12'],
    ['０１２３４５６７８９Ａ', '１２/０３/２００６', '0123456789A|2006-03-12'],
  ])('number %j is trimmed, upper-cased, spaces and width folded', (numero, date, secret) => {
    expect(lookupSecret(numero, date)).toBe(secret);
  });

  it.each([
    ['12/03/2006', '2006-03-12'],
    ['1/3/2006', '2006-03-01'],
    ['12-03-2006', '2006-03-12'],
    ['12.03.2006', '2006-03-12'],
    ['2006-03-12', '2006-03-12'],
    ['  12/03/2006 ', '2006-03-12'],
    ['29/02/2008', '2008-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/1999', '1999-12-31'],
  ])('date %j reads as %s', (date, iso) => {
    expect(lookupSecret('ABC123', date)).toBe(`ABC123|${iso}`);
  });

  it.each([
    ['29/02/2007', 'not a leap year'],
    ['29/02/1900', 'century not divisible by 400'],
    ['31/04/2006', 'April has 30 days'],
    ['00/03/2006', 'day zero'],
    ['12/13/2006', 'month 13'],
    ['12/03/06', 'two-digit year'],
    ['12/03-2006', 'mixed separators'],
    ['2006/03/12', 'ISO order with slashes'],
    ['12/03/1899', 'before 1900'],
    ['12 mars 2006', 'words'],
    ['', 'empty'],
  ])('date %j is unusable (%s)', (date) => {
    expect(lookupSecret('ABC123', date)).toBeNull();
  });

  it.each([[''], ['   '], ['0123-456'], ['ÉLÈVE1'], ['A'.repeat(33)], ['12|34']])('number %j is unusable', (numero) => {
    expect(lookupSecret(numero, '12/03/2006')).toBeNull();
  });

  it('every accepted spelling of one date gives one secret', () => {
    const spellings = ['05/03/2006', '5/3/2006', '05-03-2006', '05.03.2006', '2006-03-05'];
    expect(new Set(spellings.map((d) => lookupSecret('x1', d)))).toEqual(new Set(['X1|2006-03-05']));
  });
});
