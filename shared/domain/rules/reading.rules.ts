/**
 * The rules of reading a decision file before any row is checked: its bytes,
 * its CSV syntax and its header. Each function is one rule, named after what
 * it requires, and returns the breach with its message.
 */
import type { Breach } from './breach.js';

/** file-empty: a file starts with its header row. */
export function fileEmpty(): Breach {
  return {
    code: 'file-empty',
    rule: 'the file is empty (no header row)',
    regle: 'le fichier est vide (pas de ligne d’en-tête)',
  };
}

/** file-no-rows: a file holds at least one decision. */
export function fileWithoutRows(): Breach {
  return {
    code: 'file-no-rows',
    rule: 'the file has a header but no decision rows',
    regle: 'le fichier ne contient aucune décision',
  };
}

/** encoding-utf16: UTF-8 or Windows-1252 only (a UTF-16 byte-order mark is refused). */
export function utf16Refused(): Breach {
  return {
    code: 'encoding-utf16',
    rule: 'UTF-16 files are not accepted: export as UTF-8 or Windows-1252',
    regle: 'fichier UTF-16 refusé : exporter en UTF-8 ou Windows-1252',
  };
}

/** encoding-binary: a NUL byte means the file is not text. */
export function binaryRefused(): Breach {
  return {
    code: 'encoding-binary',
    rule: 'the file contains NUL bytes: it is not a CSV text file',
    regle: 'le fichier contient des octets nuls : ce n’est pas un fichier CSV',
  };
}

/** line-too-long: a line is refused before it is parsed beyond `max` characters. */
export function lineTooLong(max: string): Breach {
  return {
    code: 'line-too-long',
    rule: `line longer than ${max} characters`,
    regle: `ligne de plus de ${max} caractères`,
  };
}

/**
 * What is wrong with the CSV syntax of a record, by the reader's error code
 * (csv-parse); the words are ours, so that changing the library changes no
 * message.
 */
const CSV_SYNTAX: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Quoted field unterminated',
  CSV_INVALID_CLOSING_QUOTE: 'Trailing quote on quoted field is malformed',
  INVALID_OPENING_QUOTE: 'Quote inside an unquoted field',
};

/** csv-syntax: quotes open and close whole fields (RFC 4180, `;` as separator). */
export function csvSyntax(readerCode: string): Breach {
  const detail = CSV_SYNTAX[readerCode] ?? `Unreadable record (${readerCode})`;
  return {
    code: 'csv-syntax',
    rule: `CSV syntax error: ${detail}`,
    regle: `erreur de syntaxe CSV : ${detail}`,
  };
}

/** header-missing-column: the header names every column of format v1. */
export function headerMissingColumn(column: string): Breach {
  return {
    code: 'header-missing-column',
    rule: `required column "${column}" is missing from the header`,
    regle: `colonne obligatoire « ${column} » absente de l’en-tête`,
  };
}

/** header-unknown-column: and no other. */
export function headerUnknownColumn(column: string): Breach {
  return {
    code: 'header-unknown-column',
    rule: `unknown column "${column}" (format v1)`,
    regle: `colonne inconnue « ${column} » (format v1)`,
  };
}

/** header-duplicate-column: each column once. */
export function headerDuplicateColumn(column: string): Breach {
  return {
    code: 'header-duplicate-column',
    rule: `column "${column}" appears twice in the header`,
    regle: `colonne « ${column} » en double dans l’en-tête`,
  };
}

/** field-count: every row has as many fields as the header. */
export function fieldCount(expected: number, found: number): Breach {
  return {
    code: 'field-count',
    rule: `expected ${expected} fields separated by ";", found ${found}`,
    regle: `${expected} champs séparés par « ; » attendus, ${found} trouvés`,
  };
}

/** too-many-errors: not a rule, the count of the breaches left out of a report. */
export function tooManyErrors(more: number, shown: number): Breach {
  return {
    code: 'too-many-errors',
    rule: `${more} more errors not listed (first ${shown} shown)`,
    regle: `${more} autres erreurs non listées (${shown} premières affichées)`,
  };
}
