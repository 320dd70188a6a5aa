import { describe, expect, it } from 'vitest';
import { isValidUai, uaiCheckLetter } from '../../../shared/domain/reference/uai.js';

/** Real lycées, with their published UAI. */
const REAL = [
  ['0130040Y', 'lycée Thiers, Marseille'],
  ['0750654D', 'lycée Louis-le-Grand, Paris'],
  ['0750699C', 'lycée Henri-IV, Paris'],
  ['0690026D', 'lycée du Parc, Lyon'],
  ['0060030A', 'lycée Masséna, Nice'],
  ['0780422K', 'lycée Hoche, Versailles'],
  ['0310036W', 'lycée Pierre-de-Fermat, Toulouse'],
  ['0330021U', 'lycée Michel-Montaigne, Bordeaux'],
] as const;

describe('UAI', () => {
  it.each(REAL)('accepts %s (%s)', (uai) => {
    expect(isValidUai(uai)).toBe(true);
    expect(uaiCheckLetter(uai.slice(0, 7))).toBe(uai[7]);
  });

  it.each([
    ['0130040Z', 'wrong letter'],
    ['0130040X', 'wrong letter'],
    ['0750654C', 'wrong letter'],
    ['0130040y', 'lower-case letter'],
    ['013004Y', 'six digits'],
    ['01300400Y', 'eight digits'],
    ['0130040', 'no letter'],
    ['A130040Y', 'letter among the digits'],
    [' 0130040Y', 'leading space'],
    ['', 'empty'],
  ])('refuses %s (%s)', (uai) => {
    expect(isValidUai(uai)).toBe(false);
  });

  it('uses the 23 letters without I, O and Q, one per remainder', () => {
    const letters = Array.from({ length: 23 }, (_, i) =>
      uaiCheckLetter(String(i).padStart(7, '0')),
    );
    expect(letters.join('')).toBe('ABCDEFGHJKLMNPRSTUVWXYZ');
    expect(uaiCheckLetter('0000023')).toBe('A');
  });

  it('refuses to compute a letter for anything but 7 digits', () => {
    expect(() => uaiCheckLetter('013004')).toThrow();
    expect(() => uaiCheckLetter('013004a')).toThrow();
  });
});
