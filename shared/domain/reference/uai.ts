/**
 * UAI (unité administrative immatriculée): 7 digits and a check letter, the
 * 7-digit number modulo 23 indexing this alphabet (no I, O, Q).
 */
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(sevenDigits: string): string {
  if (!/^\d{7}$/.test(sevenDigits)) throw new Error('a UAI number has 7 digits');
  return LETTERS.charAt(Number(sevenDigits) % 23);
}

export function isValidUai(uai: string): boolean {
  return /^\d{7}[A-Z]$/.test(uai) && uaiCheckLetter(uai.slice(0, 7)) === uai[7];
}
