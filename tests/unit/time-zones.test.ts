import { describe, expect, it } from "vitest";
import { dayIn, formatZonedTime } from "~/i18n/format";
import { instantToWallTime, isSkippedWallTime, wallTimeToInstant } from "~/utils/time-zones.server";

describe("wall times in the partner cities", () => {
  it("09:00 in Jinan is 03:00 in Stockholm in summer and 02:00 in winter", () => {
    const summer = wallTimeToInstant("2026-06-10T09:00", "Asia/Shanghai")!;
    const winter = wallTimeToInstant("2026-11-10T09:00", "Asia/Shanghai")!;
    expect(summer.toISOString()).toBe("2026-06-10T01:00:00.000Z");
    expect(formatZonedTime(summer, "sv", "Europe/Stockholm", false)).toBe("03:00");
    expect(formatZonedTime(winter, "sv", "Europe/Stockholm", false)).toBe("02:00");
    expect(instantToWallTime(winter, "Europe/Stockholm")).toBe("2026-11-10T02:00");
  });

  it("refuses what is not a time, and a time the clocks skip for summer time", () => {
    expect(wallTimeToInstant("2026-02-30T09:00", "Europe/Stockholm")).toBeNull();
    expect(wallTimeToInstant("2026-06-10T25:00", "Europe/Stockholm")).toBeNull();
    expect(wallTimeToInstant("10/06/2026 09:00", "Europe/Stockholm")).toBeNull();
    // Clocks in Sweden jumped from 02:00 to 03:00 on 29 March 2026: 02:30 never happened there.
    expect(isSkippedWallTime("2026-03-29T02:30", "Europe/Stockholm")).toBe(true);
    expect(wallTimeToInstant("2026-03-29T02:30", "Europe/Stockholm")).toBeNull();
    // The same night in Jinan (no summer time), and the hours around the jump in Stockholm, exist.
    expect(isSkippedWallTime("2026-03-29T02:30", "Asia/Shanghai")).toBe(false);
    expect(instantToWallTime(wallTimeToInstant("2026-03-29T01:59", "Europe/Stockholm")!, "Europe/Stockholm")).toBe("2026-03-29T01:59");
    expect(instantToWallTime(wallTimeToInstant("2026-03-29T03:00", "Europe/Stockholm")!, "Europe/Stockholm")).toBe("2026-03-29T03:00");
  });

  it("tells when the two cities are on different days", () => {
    const lateInStockholm = wallTimeToInstant("2026-10-20T20:00", "Europe/Stockholm")!;
    expect(dayIn(lateInStockholm, "Europe/Stockholm")).toBe("2026-10-20");
    expect(dayIn(lateInStockholm, "Asia/Shanghai")).toBe("2026-10-21");
    expect(formatZonedTime(lateInStockholm, "zh", "Asia/Shanghai", true)).toContain("02:00");
  });
});
