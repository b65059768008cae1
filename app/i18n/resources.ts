import type { Resource, ResourceLanguage } from "i18next";
import type { Lang } from "./languages";

// locales/<lang>/<namespace>.json. Each language is one chunk in the browser (the namespaces of a
// language are bundled in ./bundles/<lang>.ts), so hydrating waits for one request, not one per
// namespace: from a link with a 300 ms round trip, sixteen requests took a second more.
const bundles = import.meta.glob<{ default: ResourceLanguage }>("./bundles/*.ts");

export async function loadLanguage(lang: Lang): Promise<Resource> {
  const load = bundles[`./bundles/${lang}.ts`];
  if (!load) throw new Error(`No translations for ${lang}`);
  return { [lang]: (await load()).default };
}

/** { "…/locales/sv/plan.json": module } → { plan: {…} } */
export function byNamespace(modules: Record<string, { default: ResourceLanguage[string] }>): ResourceLanguage {
  const language: ResourceLanguage = {};
  for (const [file, module] of Object.entries(modules)) {
    const namespace = /\/(\w+)\.json$/.exec(file)?.[1];
    if (!namespace) throw new Error(`Unexpected locale file ${file}`);
    language[namespace] = module.default;
  }
  return language;
}
