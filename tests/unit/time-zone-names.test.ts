import { describe, expect, it } from "vitest";
import { timeZoneChoices, timeZoneLabel } from "~/i18n/time-zone-names";

const winter = new Date("2026-01-15T12:00:00Z");
const summer = new Date("2026-07-15T12:00:00Z");
const partnership = ["Europe/Stockholm", "Asia/Shanghai"];

describe("time zones named in the reader's language", () => {
  it("names the partner cities' zones in Swedish, Chinese and English, with their offset of the season", () => {
    expect(timeZoneLabel("Europe/Stockholm", "sv", winter)).toBe("Stockholm — centraleuropeisk tid (UTC+01:00)");
    expect(timeZoneLabel("Europe/Stockholm", "sv", summer)).toBe("Stockholm — centraleuropeisk tid (UTC+02:00)");
    expect(timeZoneLabel("Asia/Shanghai", "sv", summer)).toBe("Shanghai — kinesisk normaltid (UTC+08:00)");
    expect(timeZoneLabel("Asia/Shanghai", "zh", winter)).toBe("Shanghai — 中国标准时间 (UTC+08:00)");
    expect(timeZoneLabel("Europe/Stockholm", "zh", summer)).toBe("Stockholm — 中欧时间 (UTC+02:00)");
    expect(timeZoneLabel("Asia/Shanghai", "en", winter)).toBe("Shanghai — China Standard Time (UTC+08:00)");
    expect(timeZoneLabel("Europe/Stockholm", "en", winter)).toBe("Stockholm — Central European Time (UTC+01:00)");
  });

  it("writes a city as people do, a negative offset with the language's minus sign, and UTC by its name", () => {
    expect(timeZoneLabel("America/Argentina/Buenos_Aires", "sv", winter)).toBe("Buenos Aires — östargentinsk normaltid (UTC−03:00)");
    expect(timeZoneLabel("America/Argentina/Buenos_Aires", "en", winter)).toBe("Buenos Aires — Argentina Standard Time (UTC-03:00)");
    expect(timeZoneLabel("Asia/Kolkata", "zh", winter)).toBe("Kolkata — 印度时间 (UTC+05:30)");
    expect(timeZoneLabel("UTC", "sv", winter)).toBe("UTC — koordinerad universell tid (UTC+00:00)");
  });

  it("offers the partnership's zones first, then every zone once, west to east", () => {
    const choices = timeZoneChoices("sv", { partnership, at: winter });
    expect(choices.partnership.map((zone) => zone.value)).toEqual(partnership);
    const others = choices.others.map((zone) => zone.value);
    expect(new Set([...partnership, ...others])).toEqual(new Set(Intl.supportedValuesOf("timeZone")));
    expect(others).toHaveLength(new Set(others).size);
    expect(others).not.toContain("Europe/Stockholm");
    expect(choices.others[0]!.label).toMatch(/\(UTC−1[12]:00\)$/);
    expect(choices.others.at(-1)!.label).toMatch(/\(UTC\+14:00\)$/);
    // Nothing is shown as a bare identifier.
    for (const zone of choices.others) expect(zone.label, zone.value).not.toContain("/");
  });

  it("names every zone in Chinese for a Chinese reader", () => {
    const { partnership: first, others } = timeZoneChoices("zh", { partnership: ["Asia/Shanghai", "Europe/Stockholm"], at: winter });
    expect(first.map((zone) => zone.label)).toEqual(["Shanghai — 中国标准时间 (UTC+08:00)", "Stockholm — 中欧时间 (UTC+01:00)"]);
    for (const zone of others) expect(zone.label, zone.value).toMatch(/ — \p{Script=Han}+/u);
  });

  it("keeps the person's own zone among the choices when the platform does not list it, and leaves out what is no zone", () => {
    const { partnership: first, others } = timeZoneChoices("en", { partnership: [...partnership, "Mars/Olympus"], current: "UTC", at: winter });
    expect(first.map((zone) => zone.value)).toEqual(partnership);
    expect(others).toContainEqual({ value: "UTC", label: "UTC — Coordinated Universal Time (UTC+00:00)" });
    expect(timeZoneChoices("en", { partnership, current: "Not/AZone", at: winter }).others.map((zone) => zone.value)).not.toContain("Not/AZone");
  });
});
