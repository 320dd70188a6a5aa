/** Cell formatting shared by the generators; tables and integers, since it runs for every row. */

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** "07" for 7. */
export function pad2(n: number): string {
  return TWO_DIGITS[n] ?? String(n).padStart(2, '0');
}

/**
 * An average held in hundredths, French style: 1345 → "13,45". Integers
 * avoid float drift, so the text and the mention computed from it agree.
 */
export function moyenneText(hundredths: number): string {
  return `${Math.floor(hundredths / 100)},${pad2(hundredths % 100)}`;
}

/** "13,45" → 1345; null when the cell is empty or not an average. */
export function parseHundredths(text: string): number | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}
