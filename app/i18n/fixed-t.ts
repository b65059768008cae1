import type { i18n as I18n, TFunction } from "i18next";

/**
 * A translation function fixed to one language, as i18next's getFixedT gives, but cheaper: that
 * copies every i18next option into a new object on each call, and a plan page calls it hundreds of
 * times (docs/benchmarks.md). A key without options always gives the same text (resources do not
 * change while a page or the server runs), so it is looked up once; a text that is still missing
 * is not remembered.
 */
export function fixedT(i18n: I18n, lang: string): TFunction {
  const slow = i18n.getFixedT(lang) as unknown as (...args: unknown[]) => unknown;
  const plain = new Map<string, string>();
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.length > 0) return slow(key, options, ...rest);
    if (options === undefined) {
      let text = plain.get(key);
      if (text === undefined) {
        text = String(i18n.t(key, { lng: lang }));
        if (i18n.exists(key, { lng: lang })) plain.set(key, text);
      }
      return text;
    }
    if (typeof options !== "object" || options === null) return slow(key, options);
    return i18n.t(key, { ...(options as object), lng: lang });
  };
  return t as unknown as TFunction;
}
