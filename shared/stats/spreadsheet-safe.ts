/**
 * Text that a spreadsheet could run as a formula (CSV/formula injection)
 * gets a leading apostrophe, as OWASP recommends: the cell then shows the
 * text as typed. Numbers are written as typed numeric cells, never through
 * this function, so "-6,2" stays a number.
 *
 * Neutralised:
 * - a leading "=", "+", "-" or "@";
 * - their compatibility forms ("＝＋－＠" full width, "﹦﹢﹣﹫" small), which
 *   some spreadsheets fold to the ASCII ones (NFKC) before parsing;
 * - any leading whitespace or control character (space, no-break space,
 *   tab, CR, LF...): spreadsheets and import wizards trim them, and what
 *   follows may be a formula. Refusing the whole class is simpler and safer
 *   than deciding which trimmed text is dangerous.
 */
const LEADING_SPACE_OR_CONTROL = /^[\s\p{Cc}\p{Cf}]/u;
const FORMULA_START = /^[=+\-@]/;

export function neutraliseFormula(text: string): string {
  if (LEADING_SPACE_OR_CONTROL.test(text)) return `'${text}`;
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0x20);
  return FORMULA_START.test(first.normalize('NFKC')) ? `'${text}` : text;
}
