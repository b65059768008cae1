import { describe, expect, it } from "vitest";
import i18next from "i18next";
import { fixedT } from "~/i18n/fixed-t";
import { formatCalendarDate, formatDateTime, formatMoney } from "~/i18n/format";
import { langFromAcceptLanguage, langFromHtmlLang } from "~/i18n/languages";

describe("language from Accept-Language", () => {
  it("takes the best of sv, zh, en by q-value", () => {
    expect(langFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(langFromAcceptLanguage("de-DE,de;q=0.9,sv;q=0.5,en;q=0.7")).toBe("en");
    expect(langFromAcceptLanguage("sv-SE")).toBe("sv");
    expect(langFromAcceptLanguage("fr, de")).toBeUndefined();
    expect(langFromAcceptLanguage("en;q=0, sv;q=0.1")).toBe("sv");
    expect(langFromAcceptLanguage(null)).toBeUndefined();
  });

  it("maps <html lang> back, zh-CN to zh", () => {
    expect(langFromHtmlLang("zh-CN")).toBe("zh");
    expect(langFromHtmlLang("sv")).toBe("sv");
    expect(langFromHtmlLang("xx")).toBe("en");
  });
});

describe("Intl formatting per language", () => {
  it("formats money in SEK and CNY as each language writes it", () => {
    expect(formatMoney("275000.00", "SEK", "sv").replace(/\s/g, " ")).toBe("275 000 kr");
    expect(formatMoney("275000", "SEK", "en").replace(/\s/g, " ")).toBe("SEK 275,000");
    expect(formatMoney("1234.5", "CNY", "zh")).toBe("¥1,234.50");
    expect(formatMoney("1234.5", "CNY", "sv").replace(/\s/g, " ")).toBe("1 234,50 CNY");
  });

  it("formats a calendar date without shifting it across time zones", () => {
    expect(formatCalendarDate("2026-09-24T00:00:00.000Z", "sv")).toBe("24 sep. 2026");
    expect(formatCalendarDate("2026-09-24T00:00:00.000Z", "zh")).toBe("2026年9月24日");
    expect(formatCalendarDate("2026-09-24T00:00:00.000Z", "en")).toBe("24 Sept 2026");
  });

  it("shows a moment in the reader's time zone", () => {
    const moment = "2026-10-28T08:00:00.000Z";
    expect(formatDateTime(moment, "en", "Europe/Stockholm")).toContain("09:00");
    expect(formatDateTime(moment, "zh", "Asia/Shanghai")).toContain("16:00");
  });
});

describe("fixedT, the translation function of one language", () => {
  const make = async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: {
        sv: { common: { hello: "Hej", greet: "Hej {{name}}", file_one: "{{count}} fil", file_other: "{{count}} filer" } },
        zh: { common: { hello: "你好", greet: "你好，{{name}}", file_other: "{{count}} 个文件" } },
      },
      fallbackLng: false,
      ns: ["common"],
      defaultNS: "common",
      interpolation: { escapeValue: false },
    });
    return i18n;
  };

  it("gives what i18next's getFixedT gives: plain texts, values, plurals, other languages apart", async () => {
    const i18n = await make();
    const sv = fixedT(i18n, "sv");
    const zh = fixedT(i18n, "zh");
    for (const [t, reference] of [[sv, i18n.getFixedT("sv")], [zh, i18n.getFixedT("zh")]] as const) {
      for (const call of [["common:hello"], ["hello"], ["common:greet", { name: "Li Wei" }], ["common:file", { count: 1 }], ["common:file", { count: 3 }], ["common:nothing"]] as const) {
        expect((t as unknown as (...args: unknown[]) => unknown)(...call), JSON.stringify(call)).toBe((reference as unknown as (...args: unknown[]) => unknown)(...call));
      }
    }
    expect(sv("common:hello")).toBe("Hej");
    expect(sv("common:hello")).toBe("Hej"); // remembered, the same
    expect(zh("common:hello")).toBe("你好");
    expect(sv("common:greet", { name: "Karin" })).toBe("Hej Karin");
  });

  it("does not remember a text that was missing: it shows once it is there", async () => {
    const i18n = await make();
    const sv = fixedT(i18n, "sv");
    expect(sv("common:later")).toBe("later");
    i18n.addResource("sv", "common", "later", "Senare");
    expect(sv("common:later")).toBe("Senare");
  });
});
