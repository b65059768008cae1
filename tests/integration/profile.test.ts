import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn } from "../support/client";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

/** The time-zone field of a profile page: its groups' labels and each option's value, text and whether it is chosen. */
async function timeZoneField(email: string) {
  const client = await signedIn(app.url, email);
  const response = await client.get("/profile");
  expect(response.status).toBe(200);
  const html = await response.text();
  const select = /<select id="profile-timezone"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  const groups = [...select.matchAll(/<optgroup label="([^"]*)"/g)].map((match) => match[1]);
  const options = [...select.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map((match) => ({
    value: match[1],
    selected: Boolean(match[2]),
    label: match[3]!.replaceAll("&#x27;", "'"),
  }));
  return { groups, options, client };
}

describe("the profile's time zones", () => {
  it("shows a Chinese reader of Jinan the partnership's zones first, named in Chinese, their own first", async () => {
    const { groups, options } = await timeZoneField("wang.fang@jinan.example");
    expect(groups).toEqual(["合作城市所在时区", "其他时区"]);
    expect(options[0]).toEqual({ value: "Asia/Shanghai", selected: true, label: "Shanghai — 中国标准时间 (UTC+08:00)" });
    expect(options[1]!.value).toBe("Europe/Stockholm");
    expect(options[1]!.label).toMatch(/^Stockholm — 中欧时间 \(UTC\+0[12]:00\)$/);
    // Then every other zone once, in Chinese too, none as a bare identifier.
    expect(options.length).toBe(Intl.supportedValuesOf("timeZone").length);
    expect(options.filter((option) => option.value === "Asia/Shanghai")).toHaveLength(1);
    expect(options.find((option) => option.value === "Asia/Tokyo")?.label).toMatch(/^Tokyo — 日本标准时间 /);
  });

  it("shows a Swedish reader of Västerås their own city's zone first, in Swedish", async () => {
    const { groups, options } = await timeZoneField("karin@vasteras.example");
    expect(groups).toEqual(["Partnerskapets tidszoner", "Övriga tidszoner"]);
    expect(options[0]!.label).toMatch(/^Stockholm — centraleuropeisk tid \(UTC\+0[12]:00\)$/);
    expect(options[0]!.selected).toBe(true);
    expect(options[1]!.label).toBe("Shanghai — kinesisk normaltid (UTC+08:00)");
  });

  it("keeps a zone the list does not hold chosen, so that saving the profile does not change it", async () => {
    await app.database.prisma.user.update({ where: { email: "viewer@vasteras.example" }, data: { timeZone: "UTC" } });
    const { options, client } = await timeZoneField("viewer@vasteras.example");
    expect(options.filter((option) => option.selected)).toEqual([{ value: "UTC", selected: true, label: "UTC — Coordinated Universal Time (UTC+00:00)" }]);
    const saved = await client.post("/profile", { intent: "profile", name: "Viewer Västerås", language: "en", timeZone: "UTC", emailNotifications: "each", writesLanguages: ["sv", "en"] });
    expect(saved.status).toBe(200);
    expect((await app.database.prisma.user.findUniqueOrThrow({ where: { email: "viewer@vasteras.example" } })).timeZone).toBe("UTC");
  });
});
