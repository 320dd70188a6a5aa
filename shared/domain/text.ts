/**
 * Folds text for matching names typed by people: lower case, accents
 * removed, apostrophes, hyphens and punctuation as single spaces.
 * "Boulangerie-Pâtisserie" and "BOULANGERIE PATISSERIE" fold alike.
 */
export function foldForMatch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
