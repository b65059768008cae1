import { DateTime } from "luxon";

/**
 * "2026-06-01T09:00" on the clocks of `timeZone` as an instant, or null when it is no valid time.
 * A wall time skipped by a daylight-saving change moves forward by the change, as clocks do.
 */
export function wallTimeToInstant(wallTime: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wallTime)) return null;
  const time = DateTime.fromISO(wallTime, { zone: timeZone });
  return time.isValid ? time.toJSDate() : null;
}

/** An instant as the wall time ("2026-06-01T09:00") of `timeZone`, for a datetime-local field. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
