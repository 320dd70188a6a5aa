import { pad2 } from './format.js';

/** Calendar helpers for synthetic data: plain arithmetic on UTC dates, no clock read. */

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of the day `days` after year-month-day (months and years roll over). */
export function isoDate(year: number, month: number, day: number, days = 0): string {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, string>();

/**
 * The UTC offset ("+02:00") of a time zone at midday on an ISO date. Juries
 * sit in the daytime, hours away from the night-time DST changes, so one
 * offset per zone and day is exact; cached, since formatters are slow.
 */
export function offsetOn(timeZone: string, date: string): string {
  const key = `${timeZone}|${date}`;
  const known = offsets.get(key);
  if (known) return known;
  let format = formats.get(timeZone);
  if (!format)
    formats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })),
    );
  const name =
    format.formatToParts(new Date(`${date}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'GMT';
  // "GMT+02:00", "GMT-03:00", or plain "GMT" for UTC itself.
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  offsets.set(key, offset);
  return offset;
}
