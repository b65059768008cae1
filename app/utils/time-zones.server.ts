import { DateTime } from "luxon";

/**
 * "2026-06-01T09:00" on the clocks of `timeZone` as an instant, or null when it is no valid time.
 * A wall time that the clocks skip (02:30 in Stockholm on the night summer time begins) is no time
 * either: it is refused (see `isSkippedWallTime`), never silently moved an hour.
 */
export function wallTimeToInstant(wallTime: string, timeZone: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wallTime)) return null;
  const time = DateTime.fromISO(wallTime, { zone: timeZone });
  if (!time.isValid || isSkippedWallTime(wallTime, timeZone)) return null;
  return time.toJSDate();
}

/** Whether the clocks of `timeZone` jump over this wall time (luxon moves such a time forward). */
export function isSkippedWallTime(wallTime: string, timeZone: string): boolean {
  const time = DateTime.fromISO(wallTime, { zone: timeZone });
  return time.isValid && time.toFormat("yyyy-MM-dd'T'HH:mm") !== wallTime;
}

/** An instant as the wall time ("2026-06-01T09:00") of `timeZone`, for a datetime-local field. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
