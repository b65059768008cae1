import { describe, expect, it } from "vitest";
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
