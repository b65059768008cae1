import type { Resource, ResourceLanguage } from "i18next";
import type { Lang } from "./languages";

// locales/<lang>/<namespace>.json; each language is its own chunk in the browser.
const lazyModules = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json");


function parsePath(file: string) {
  const match = /locales\/(\w+)\/(\w+)\.json$/.exec(file);
  if (!match) throw new Error(`Unexpected locale file ${file}`);
  return { lang: match[1] as Lang, namespace: match[2] as string };
}

export async function loadLanguage(lang: Lang): Promise<Resource> {
  const language: ResourceLanguage = {};
  await Promise.all(
    Object.entries(lazyModules)
      .filter(([file]) => parsePath(file).lang === lang)
      .map(async ([file, load]) => {
        language[parsePath(file).namespace] = (await load()).default as ResourceLanguage[string];
      }),
  );
  return { [lang]: language };
}
