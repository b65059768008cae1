import i18next, { type Resource, type TFunction } from "i18next";
import { readFileSync } from "node:fs";
import path from "node:path";
import { singleton } from "~/utils/singleton.server";
import { fixedT } from "./fixed-t";
import { createTranslator, type Texts, type Translator } from "./translator";
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

const translators = singleton("translator-by-language", () => new Map<Lang, Translator>());

/** The translator pages render with on the server, as the browser makes it (./translator.ts). */
export function translatorFor(lang: Lang): Translator {
  let translator = translators.get(lang);
  if (!translator) {
    translator = createTranslator(lang, base.getDataByLanguage(lang) as Texts);
    translators.set(lang, translator);
  }
  return translator;
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
