import { createContext, useContext } from "react";
import type { TFunction } from "i18next";
import type { Translator } from "./translator";

// The page's translator (app/i18n/translator.ts), made once per language on the server and once
// in the browser: a page's language never changes while it is open (switching language loads the
// page again, app/entry.client.tsx), so components read it from context and nothing subscribes.
export const TranslationContext = createContext<Translator | null>(null);

/** The reader's translation function, and the language as `i18n.language` (i18next's shape). */
export function useTranslation(): { t: TFunction; i18n: Translator["i18n"] } {
  const translator = useContext(TranslationContext);
  if (!translator) throw new Error("useTranslation outside <TranslationContext>");
  return { t: translator.t, i18n: translator.i18n };
}
