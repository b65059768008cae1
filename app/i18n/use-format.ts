import { useTranslation } from "~/i18n/use-translation";
import { useRouteLoaderData } from "react-router";
import { formatCalendarDate, formatDate, formatDateTime, formatMoney, formatNumber, languageName } from "./format";
import { isLang, type Lang } from "./languages";
import { pickLocalized, type Localized } from "./localized";

/** Formatting in the reader's language and time zone, for components. */
export function useFormat() {
  const { i18n } = useTranslation();
  const root = useRouteLoaderData("root") as { user?: { timeZone?: string } | null } | undefined;
  const lang: Lang = isLang(i18n.language) ? i18n.language : "en";
  const timeZone = root?.user?.timeZone;
  return {
    lang,
    timeZone,
    date: (value: Date | string) => formatDate(value, lang, timeZone),
    calendarDate: (value: Date | string) => formatCalendarDate(value, lang),
    dateTime: (value: Date | string) => formatDateTime(value, lang, timeZone),
    number: (value: number) => formatNumber(value, lang),
    money: (amount: string, currency: string) => formatMoney(amount, currency, lang),
    languageName: (of: Lang) => languageName(of, lang),
    /** A short text's words in the reader's language (else its original), where a plain string is needed: a name in a sentence, an option. */
    localized: (texts: Localized, original: Lang | null | undefined) => pickLocalized(texts, original, lang).text,
  };
}
