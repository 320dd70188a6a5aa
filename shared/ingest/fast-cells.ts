import type { DecisionCode, Examen, Mention } from '../domain/decision.schema.js';
import { deliberationMs } from './row-facts.js';
import { deliberationUtc } from './row-lookups.js';

/**
 * Cell checks of the fast path (fast-row.ts), on text[a..b) without making
 * strings: the patterns of row.schema.ts as charCode tests. Each answers
 * "valid" or "not sure"; in doubt the reference path decides.
 */

// Name characters, per the RowSchema patterns: \p{L} first, then \p{L}\p{M}' .’- (and ',' in prenoms).
export const LETTER = 1;
export const NAME_REST = 2;
export const PRENOMS_REST = 4;
export const NAME_TABLE_SIZE = 0x2100; // up to ’ (U+2019); beyond, the reference path decides
export const NAME_CHARS = new Uint8Array(NAME_TABLE_SIZE);
for (let c = 0; c < NAME_TABLE_SIZE; c++) {
  const s = String.fromCharCode(c);
  if (/\p{L}/u.test(s)) NAME_CHARS[c] = LETTER | NAME_REST | PRENOMS_REST;
  else if (/\p{M}/u.test(s) || "' .’-".includes(s)) NAME_CHARS[c] = NAME_REST | PRENOMS_REST;
  else if (s === ',') NAME_CHARS[c] = PRENOMS_REST;
}

export const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
export const DECISIONS: readonly DecisionCode[] = [
  'ADMIS',
  'AJOURNE',
  'SECOND_GROUPE',
  'ELIMINE',
  'REMPLACEMENT',
];
export const MENTIONS: readonly Mention[] = ['AB', 'B', 'TB', 'TBF'];
export const EXAMENS: readonly Examen[] = ['BCG', 'BTN', 'BCP'];
const POW10 = [1, 10, 100, 1000];

export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isUpper = (c: number) => c >= 65 && c <= 90;
export const isLower = (c: number) => c >= 97 && c <= 122;
export const daysIn = (y: number, m: number) =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for years > 0. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** `count` digits at text[at..] as a number, or -1. */
export function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/** Is text[a..b) exactly `word`? */
export const is = (text: string, a: number, b: number, word: string) =>
  b - a === word.length && text.startsWith(word, a);

/** Words told apart by their length, first and last letters: one map look-up, then one comparison. */
type Words<T extends string> = Map<number, T>;
const wordKey = (length: number, first: number, last: number) =>
  (length << 16) ^ (first << 8) ^ last;
function words<T extends string>(list: readonly T[]): Words<T> {
  const index = new Map(
    list.map((w) => [wordKey(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1)), w]),
  );
  if (index.size !== list.length) throw new Error(`words not told apart: ${list.join()}`);
  return index;
}

export const EXAMEN_WORDS = words(EXAMENS);
export const DECISION_WORDS = words(DECISIONS);
export const MENTION_WORDS = words(MENTIONS);

/** The word that text[a..b) is, or undefined. */
export function oneOf<T extends string>(
  text: string,
  a: number,
  b: number,
  index: Words<T>,
): T | undefined {
  if (b <= a) return undefined;
  const w = index.get(wordKey(b - a, text.charCodeAt(a), text.charCodeAt(b - 1)));
  return w !== undefined && w.length === b - a && text.startsWith(w, a) ? w : undefined;
}

/** moyenne: 0-20 with a comma or a dot and up to 3 decimals (a number), or empty (null); undefined when not sure. */
export function parseMoyenne(text: string, a: number, b: number): number | null | undefined {
  if (a === b) return null;
  let i = a;
  let whole = 0;
  while (i < b && i - a < 2 && isDigit(text.charCodeAt(i)))
    whole = whole * 10 + text.charCodeAt(i++) - 48;
  if (i === a || whole > 20 || (i - a === 2 && text.charCodeAt(a) === 48)) return undefined;
  let frac = 0;
  let places = 0;
  if (i < b) {
    const sep = text.charCodeAt(i++);
    if (sep !== 44 && sep !== 46) return undefined;
    for (; i < b; i++, places++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c) || places === 3) return undefined;
      frac = frac * 10 + c - 48;
    }
    if (places === 0 || (whole === 20 && frac !== 0)) return undefined;
  }
  // Integers divided by a power of ten round exactly as Number() parses the decimal.
  return (whole * POW10[places]! + frac) / POW10[places]!;
}

/**
 * deliberation: yyyy-mm-ddThh:mm[:ss[.sss]][Z|±hh:mm] (row.schema.ts) in
 * epoch ms, or as luxon's UTC ISO text, or null when not sure. With an
 * offset and no fraction, plain arithmetic; without an offset (in the
 * académie's time zone), the reference path's luxon look-up.
 */
export function parseDeliberation(
  text: string,
  a: number,
  end: number,
  timeZone: string,
): number | string | null {
  const year = digits(text, a, 4);
  const month = digits(text, a + 5, 2);
  const day = digits(text, a + 8, 2);
  const hour = digits(text, a + 11, 2);
  const minute = digits(text, a + 14, 2);
  if (end - a < 16 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return null;
  if (
    text.charCodeAt(a + 4) !== 45 ||
    text.charCodeAt(a + 7) !== 45 ||
    text.charCodeAt(a + 10) !== 84 ||
    text.charCodeAt(a + 13) !== 58
  )
    return null;
  let i = a + 16;
  let second = 0;
  let fraction = false;
  if (i + 3 <= end && text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0) return null;
    i += 3;
    if (i < end && text.charCodeAt(i) === 46) {
      let j = i + 1;
      while (j < end && j - i <= 3 && isDigit(text.charCodeAt(j))) j++;
      if (j === i + 1) return null;
      i = j;
      fraction = true;
    }
  }
  let offset: number | undefined; // minutes east of UTC
  let simpleOffset = false;
  if (end - i === 1 && text.charCodeAt(i) === 90) {
    offset = 0;
    simpleOffset = true;
  } else if (
    end - i === 6 &&
    (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) &&
    text.charCodeAt(i + 3) === 58
  ) {
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || om < 0) return null;
    offset = (text.charCodeAt(i) === 43 ? 1 : -1) * (oh * 60 + om);
    simpleOffset = oh <= 14 && om < 60;
  } else if (i !== end) return null;
  const plain =
    year >= 1800 &&
    year <= 2199 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (plain && simpleOffset && !fraction) {
    return (
      ((daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset!) * 60 + second) * 1000
    );
  }
  const utc = deliberationUtc(timeZone, text.slice(a, end));
  if (utc === null) return null;
  const ms = deliberationMs(utc);
  return Number.isNaN(ms) ? utc : ms;
}
