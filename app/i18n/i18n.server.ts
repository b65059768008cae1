import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { readFileSync } from "node:fs";
import path from "node:path";
import { singleton } from "~/utils/singleton.server";
import { fixedT } from "./fixed-t";
import { defaultNamespace, namespaces } from "./namespaces";
import { languages, type Lang } from "./languages";

// Read from disk rather than bundled: the same code runs inside the React Router build and
// directly under tsx (the server, its scheduled work, scripts), where Vite's import.meta.glob is absent.
function allResources(): Resource {
  const root = path.resolve("locales");
  const resources: Resource = {};
  for (const lang of languages) {
    resources[lang] = {};
    for (const namespace of namespaces) {
      const file = path.join(root, lang, `${namespace}.json`);
      resources[lang][namespace] = JSON.parse(readFileSync(file, "utf8")) as Resource[string][string];
    }
  }
  return resources;
}

const base = singleton("i18n", () => {
  const instance = i18next.createInstance();
  void instance.init({
    resources: allResources(),
    supportedLngs: [...languages],
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
});

// The server never changes an instance's language, so one per language serves every request.
const byLanguage = singleton("i18n-by-language", () => new Map<Lang, i18n>());

/** An i18next instance fixed to one language, for rendering a request. */
export function i18nFor(lang: Lang): i18n {
  let instance = byLanguage.get(lang);
  if (!instance) {
    instance = base.cloneInstance({ lng: lang, initAsync: false });
    byLanguage.set(lang, instance);
  }
  return instance;
}

/** A translation function for server-side texts (e-mails, error pages). */
export function tFor(lang: Lang): TFunction {
  let t = fixedByLanguage.get(lang);
  if (!t) {
    t = fixedT(base, lang);
    fixedByLanguage.set(lang, t);
  }
  return t;
}

const fixedByLanguage = singleton("t-by-language", () => new Map<Lang, TFunction>());
