/**
 * Pure look-ups the row rules make on every row, cached: a national file
 * has 720,000 rows but a few thousand distinct birth dates, deliberations,
 * séries and schools, and luxon takes microseconds a call. Each cache is
 * emptied when full, so it never grows with the file.
 */
import { DateTime } from 'luxon';
import { canonicalSerie, type SerieCheck } from '../reference/exams.js';
import { isValidUai } from '../reference/uai.js';
import type { Examen } from '../vocabulary.js';

const MAX_ENTRIES = 50_000;

/** `compute` of one text, cached. */
function cached<T extends string | boolean | object | null>(
  compute: (key: string) => T,
): (key: string) => T {
  let cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (cache.size >= MAX_ENTRIES) cache = new Map();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/** `compute` of a text within a scope (a time zone, an exam at a session), cached by scope. */
function cachedIn<S extends string, T extends string | boolean | object | null>(
  compute: (scope: S, key: string) => T,
): (scope: S, key: string) => T {
  const scopes = new Map<S, (key: string) => T>();
  return (scope, key) => {
    let inScope = scopes.get(scope);
    if (!inScope) scopes.set(scope, (inScope = cached((k) => compute(scope, k))));
    return inScope(key);
  };
}

/** dd/mm/yyyy → ISO date, or null when it is no calendar date. */
export const birthDate = cached((ddmmyyyy: string) => {
  const d = DateTime.fromFormat(ddmmyyyy, 'dd/MM/yyyy', { zone: 'utc' });
  return d.isValid ? d.toISODate() : null;
});

/** An ISO date-time → UTC ISO with milliseconds; without an offset it is in `timeZone`. */
export const deliberationUtc = cachedIn((timeZone: string, iso: string) => {
  const d = DateTime.fromISO(iso, { zone: timeZone });
  return d.isValid ? d.toUTC().toISO() : null;
});

const serieAtSession = new Map<Examen, (session: string, serie: string) => SerieCheck>();

/** The canonical série of an exam at a session (reference/exams.ts). */
export function serieOf(examen: Examen, session: string, serie: string): SerieCheck {
  let ofExam = serieAtSession.get(examen);
  if (!ofExam)
    serieAtSession.set(examen, (ofExam = cachedIn((s, text) => canonicalSerie(examen, text, s))));
  return ofExam(session, serie);
}

export const uaiValid = cached((uai: string) => isValidUai(uai));
