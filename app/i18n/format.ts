import { dateTimeFormat, displayNames, numberFormat } from "./intl-cache";
import { intlLocale, type Lang } from "./languages";

// All dates, numbers and money go through Intl in the reader's language and time zone.

export function formatDate(value: Date | string, lang: Lang, timeZone?: string): string {
  return dateTimeFormat(intlLocale[lang], { dateStyle: "medium", timeZone }).format(new Date(value));
}

/** Calendar dates (a project's period) have no time zone: format them as the UTC date they are. */
export function formatCalendarDate(value: Date | string, lang: Lang): string {
  return formatDate(value, lang, "UTC");
}

export function formatDateTime(value: Date | string, lang: Lang, timeZone?: string): string {
  return dateTimeFormat(intlLocale[lang], { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(value),
  );
}

export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(intlLocale[lang]).format(value);
}

/** Money arrives as a decimal string (never a float from the database); whole amounts show no decimals. */
export function formatMoney(amount: string, currency: string, lang: Lang): string {
  const whole = /^-?\d+(\.0+)?$/.test(amount);
  return numberFormat(intlLocale[lang], {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(Number(amount));
}

/** A language's name as the reader's language writes it in a sentence ("svenska", "瑞典语", "Swedish"). */
export function languageName(of: Lang, lang: Lang): string {
  return displayNames(intlLocale[lang], { type: "language" }).of(of === "zh" ? "zh-Hans" : of) ?? of;
}

/** A time of day in a given zone, with the day when asked ("ons 1 juli 09:00"). */
export function formatZonedTime(value: Date | string, lang: Lang, timeZone: string, withDate: boolean): string {
  return dateTimeFormat(intlLocale[lang], {
    ...(withDate ? { weekday: "short", day: "numeric", month: "short" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(value));
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD (to see whether two zones' days differ). */
export function dayIn(value: Date | string, timeZone: string): string {
  return dateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(new Date(value));
}
