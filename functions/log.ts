/**
 * One JSON line per event (the functions use Lambda's JSON log format, so
 * these land as structured fields). Callers pass counts, ids, académie and
 * session only: never a name, a birth date, a candidate number or a row.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function logInfo(message: string, fields: LogFields = {}): void {
  console.info(JSON.stringify({ message, ...fields }));
}

export function logError(message: string, err: unknown, fields: LogFields = {}): void {
  // The error's class and message only: messages of our typed errors carry no personal data, and a raw SDK payload is never logged.
  const error = err instanceof Error ? `${err.name}: ${err.message}` : 'non-Error thrown';
  console.error(JSON.stringify({ message, error, ...fields }));
}
