import { DateTime } from 'luxon';

/**
 * Announced publication times when the rectorat sets none: the sources' 10:00 (first group) and
 * 18:00 (contrôle / second group).
 */
export const DEFAULT_PUBLICATION_TIME: Record<1 | 2, string> = { 1: '10:00', 2: '18:00' };

/**
 * How long before the instant the pointer is armed. EventBridge Scheduler
 * fires within a 60-second window and KeyValueStore updates take seconds to
 * reach every edge location, so arming happens well ahead and the edge
 * function opens the release to the second.
 */
export const ARM_AHEAD_MS = 5 * 60_000;

export class InvalidInstantError extends Error {
  override name = 'InvalidInstantError';
}

/**
 * The UTC instant of a wall-clock time in an académie's time zone.
 * `local` is "YYYY-MM-DD HH:MM" (or with a T), seconds optional
 * (":SS", for rehearsals and the local demo). A time that does not exist
 * (skipped by a daylight-saving change) or is ambiguous (repeated) is
 * refused rather than guessed: publication times must be unambiguous.
 */
export function publicationInstant(local: string, timeZone: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(local.trim());
  if (!match)
    throw new InvalidInstantError(`"${local}" is not a date and time like 2024-07-08 10:00`);
  const text = `${match[1]}T${match[2]}${match[3] ?? ''}`;
  const pattern = match[3] ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm";
  const at = DateTime.fromISO(text, { zone: timeZone });
  if (!at.isValid)
    throw new InvalidInstantError(
      `"${local}" is not a valid time in ${timeZone}: ${at.invalidExplanation ?? at.invalidReason}`,
    );
  // Luxon moves a skipped time forward: detect it by formatting back.
  if (at.toFormat(pattern) !== text) {
    throw new InvalidInstantError(
      `${local} does not exist in ${timeZone} (daylight-saving change)`,
    );
  }
  // Repeated: another instant an hour away shows the same wall-clock time.
  const sameWallTime = (ms: number) =>
    DateTime.fromMillis(ms, { zone: timeZone }).toFormat(pattern) === text;
  if (sameWallTime(at.toMillis() - 3_600_000) || sameWallTime(at.toMillis() + 3_600_000)) {
    throw new InvalidInstantError(
      `${local} happens twice in ${timeZone} (daylight-saving change): choose another time`,
    );
  }
  return at.toJSDate();
}

/** "mardi 7 juillet 2020 à 10 h 00" in the académie's time zone, for announcements. */
export function formatInstantFr(instant: Date, timeZone: string): string {
  const at = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('fr');
  return `${at.toFormat('cccc d LLLL yyyy')} à ${at.toFormat("H 'h' mm")}`;
}
