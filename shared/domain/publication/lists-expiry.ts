import { DateTime } from 'luxon';

/**
 * Name lists of admitted candidates are published for a limited period, as
 * the privacy regulator (CNIL) recommends for exam results: by default 30
 * days from the académie's first publication of the session, then they come
 * down; the statistics and the private lookup stay.
 */
export const DEFAULT_LISTS_DAYS = 30;
/** A session's lists never outlive the next session. */
export const MAX_LISTS_DAYS = 365;

/** Why a period is refused, or null when it is a whole number of days in 1..MAX_LISTS_DAYS. */
export function listsDaysProblem(days: number): string | null {
  if (Number.isInteger(days) && days >= 1 && days <= MAX_LISTS_DAYS) return null;
  const range = `from 1 to ${String(MAX_LISTS_DAYS)}`;
  return `the lists' period must be a whole number of days ${range} (got ${String(days)})`;
}

/**
 * The instant the lists expire: `days` calendar days after the publication,
 * at the same wall-clock time in the académie's time zone (so a 10:00
 * publication expires at 10:00, across a daylight-saving change too).
 */
export function listsExpiryAfter(publication: Date, timeZone: string, days: number): Date {
  return DateTime.fromJSDate(publication, { zone: timeZone }).plus({ days }).toJSDate();
}
