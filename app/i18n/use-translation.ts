import { useContext } from "react";
import { I18nContext } from "react-i18next";
import type { i18n as I18n, TFunction } from "i18next";
import { fixedT } from "./fixed-t";

// react-i18next's useTranslation subscribes to language changes and copies the i18next instance
// (every own property) the first time each component calls it: on the server, where every render
// is a first one, a plan page's badges and titles spent more time there than in the database
// (docs/benchmarks.md). A page's language never changes while it is open (switching language
// loads the page again, app/entry.client.tsx), so the instance in context is all a component needs.

const fixed = new WeakMap<I18n, TFunction>();

/** The reader's translation function and i18next instance, as react-i18next's hook gives them. */
export function useTranslation(): { t: TFunction; i18n: I18n } {
  const context = useContext(I18nContext);
  if (!context?.i18n) throw new Error("useTranslation outside <I18nextProvider>");
  const { i18n } = context;
  let t = fixed.get(i18n);
  if (!t) {
    t = fixedT(i18n, i18n.language);
    fixed.set(i18n, t);
  }
  return { t, i18n };
}
