import type { Lang } from "./languages";
import type { Texts } from "./translator";

// The core namespaces of one language (./translations/<lang>.ts) are one chunk in the browser,
// fetched whole: one request, and one file compresses far better than four.
const bundles = import.meta.glob<{ default: Record<string, Record<string, unknown>> }>("./translations/*.ts");

function namespaceOf(file: string) {
  const match = /locales\/\w+\/(\w+)\.json$/.exec(file);
  if (!match) throw new Error(`Unexpected locale file ${file}`);
  return match[1] as string;
}

export async function loadLanguage(lang: Lang): Promise<Texts> {
  const load = bundles[`./translations/${lang}.ts`];
  if (!load) throw new Error(`No translations for ${lang}`);
  const texts: Texts = {};
  for (const [file, namespace] of Object.entries((await load()).default)) texts[namespaceOf(file)] = namespace;
  return texts;
}
