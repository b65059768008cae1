// The three languages of the workspace, in the order people choose them (docs/product.md).
export const languages = ["sv", "zh", "en"] as const;
export type Lang = (typeof languages)[number];
export const defaultLanguage: Lang = "en";

/** Names shown in the language switcher, each in its own language. */
export const languageNames: Record<Lang, string> = { sv: "Svenska", zh: "中文", en: "English" };
/** `<html lang>`: Simplified Chinese is zh-CN. */
export const htmlLang: Record<Lang, string> = { sv: "sv", zh: "zh-CN", en: "en" };
/** Locale for Intl formatting. */
export const intlLocale: Record<Lang, string> = { sv: "sv-SE", zh: "zh-CN", en: "en-GB" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function langFromHtmlLang(value: string | null | undefined): Lang {
  const found = languages.find((lang) => htmlLang[lang] === value);
  return found ?? defaultLanguage;
}

/** Picks the best of our languages from an Accept-Language header, honouring q-values. */
export function langFromAcceptLanguage(header: string | null | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLang(primary)) return primary;
  }
  return undefined;
}
