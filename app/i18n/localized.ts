import type { Lang } from "./languages";

export type Localized = Partial<Record<Lang, string>>;

/**
 * A short text stored per language: the reader's language when it exists, else the original
 * (`fallback` names its language, so the page can mark it).
 */
export function pickLocalized(texts: Localized | null | undefined, originalLang: Lang | null | undefined, lang: Lang) {
  const own = texts?.[lang];
  if (own) return { text: own, fallback: undefined };
  const original = originalLang ?? (Object.keys(texts ?? {})[0] as Lang | undefined);
  const text = original ? texts?.[original] : undefined;
  return { text: text ?? "", fallback: text ? original : undefined };
}
