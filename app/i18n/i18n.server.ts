import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { singleton } from "~/utils/singleton.server";
import { defaultNamespace, namespaces } from "./namespaces";
import { languages, type Lang } from "./languages";

const eagerModules = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", {
  eager: true,
});

function allResources(): Resource {
  const resources: Resource = {};
  for (const [file, module] of Object.entries(eagerModules)) {
    const match = /locales\/(\w+)\/(\w+)\.json$/.exec(file);
    if (!match) continue;
    const [, lang = "", namespace = ""] = match;
    resources[lang] ??= {};
    resources[lang][namespace] = module.default as Resource[string][string];
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

/** An i18next instance fixed to one language, for rendering one request. */
export function i18nFor(lang: Lang): i18n {
  return base.cloneInstance({ lng: lang, initAsync: false });
}

/** A translation function for server-side texts (e-mails, error pages). */
export function tFor(lang: Lang): TFunction {
  return base.getFixedT(lang);
}
