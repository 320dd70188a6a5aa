/**
 * Format v1 of the jury decision export: `;`-separated CSV with a header
 * row, UTF-8 (with or without BOM) or Windows-1252. Column order in a file
 * may vary; the header names the columns. The rules of the file are in this
 * folder: reading.rules.ts (bytes, CSV, header), cell.rules.ts (each cell),
 * row.rules.ts (the cells of a row together), file.rules.ts (rows together
 * and against what is stored).
 */
export const CSV_V1_COLUMNS = [
  'session',
  'academie',
  'numero_candidat',
  'nom',
  'prenoms',
  'date_naissance',
  'uai',
  'departement',
  'examen',
  'serie',
  'groupe',
  'decision',
  'mention',
  'moyenne',
  'accord_publication',
  'jury',
  'deliberation',
] as const;

export type CsvV1Column = (typeof CSV_V1_COLUMNS)[number];

/** One raw row as read from the file: every cell is text. */
export type CsvV1Row = Record<CsvV1Column, string>;

export const CSV_V1_SEPARATOR = ';';
