import type { Resource, ResourceLanguage } from "i18next";
import type { Lang } from "./languages";

// locales/<lang>/<namespace>.json; each language is one chunk in the browser (./translations/<lang>.ts),
// fetched whole: one request, and one file compresses far better than sixteen.
const bundles = import.meta.glob<{ default: Record<string, Record<string, unknown>> }>("./translations/*.ts");

function namespaceOf(file: string) {
  const match = /locales\/\w+\/(\w+)\.json$/.exec(file);
  if (!match) throw new Error(`Unexpected locale file ${file}`);
  return match[1] as string;
}

export async function loadLanguage(lang: Lang): Promise<Resource> {
  const load = bundles[`./translations/${lang}.ts`];
  if (!load) throw new Error(`No translations for ${lang}`);
  const language: ResourceLanguage = {};
  for (const [file, namespace] of Object.entries((await load()).default)) {
    language[namespaceOf(file)] = namespace as ResourceLanguage[string];
  }
  return { [lang]: language };
}
