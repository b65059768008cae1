import type { Lang } from "~/i18n/languages";

/**
 * An amount as people type it, to a canonical decimal string ("1234.50"), or null when it is not
 * one. Swedish: `1 234,50` (spaces group, comma or dot before the decimals). English and Chinese:
 * `1,234.50` (commas group, dot before the decimals). Never through floating point.
 */
export function normaliseAmount(text: string, lang: Lang): string | null {
  let value = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (lang === "sv") {
    value = value.replace(",", ".");
  } else {
    // Groups of three after a first group that does not start with 0: "0,001" is no thousand
    // (it is a decimal comma, and more than two decimals), so it is refused rather than read as 1.
    if (!/^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(value)) return null;
    value = value.replace(/,/g, "");
  }
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  return `${whole}.${(match[2] ?? "").padEnd(2, "0")}`;
}
