/**
 * Text that a spreadsheet would run as a formula (CSV/formula injection):
 * a leading "=", "+", "-" or "@", and tab or carriage return, which some
 * tools strip before looking. Such text gets a leading apostrophe, as
 * OWASP recommends: the cell then shows the text as typed. Numbers are
 * written as typed numeric cells, never through this function, so "-6,2"
 * stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
