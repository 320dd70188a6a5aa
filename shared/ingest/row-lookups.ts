import { DateTime } from 'luxon';
import type { Examen } from '../domain/decision.schema.js';
import { canonicalSerie } from '../domain/reference/exams.js';
import { isValidUai } from '../domain/reference/uai.js';

/**
 * Pure look-ups that repeat across rows (dates, séries, time zones), shared
 * by the reference validator (validate-row.ts) and the fast path
 * (fast-row.ts) so that both give the same answers.
 */

/**
 * Memo keyed by nested maps so that no key string is built per row; bounded
 * so it never grows with the file.
 */
function memo<K extends string[], T>(compute: (...keys: K) => T, max = 50_000): (...keys: K) => T {
  let root = new Map<string, unknown>();
  let size = 0;
  return (...keys) => {
    let level = root;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = level.get(keys[i]!) as Map<string, unknown> | undefined;
      if (!next) level.set(keys[i]!, (next = new Map()));
      level = next;
    }
    const last = keys[keys.length - 1]!;
    if (level.has(last)) return level.get(last) as T;
    if (++size > max) {
      root = new Map();
      size = 0;
    }
    const value = compute(...keys);
    level.set(last, value);
    return value;
  };
}

/** dd/mm/yyyy → ISO date, or null when it is no calendar date. */
export const birthDate = memo((v: string) => {
  const d = DateTime.fromFormat(v, 'dd/MM/yyyy', { zone: 'utc' });
  return d.isValid ? d.toISODate() : null;
});

/** A deliberation without an offset is in the académie's time zone. */
export const deliberationUtc = memo((timeZone: string, value: string) => {
  const d = DateTime.fromISO(value, { zone: timeZone });
  return d.isValid ? d.toUTC().toISO() : null;
});

export const serieOf = memo((examen: string, session: string, serie: string) =>
  canonicalSerie(examen as Examen, serie, session),
);

export const uaiValid = memo((uai: string) => isValidUai(uai));
