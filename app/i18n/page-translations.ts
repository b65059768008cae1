import { langFromHtmlLang } from "./languages";
import type { Translator } from "./translator";

// Every namespace but the few that every page uses (the core: app/i18n/translations/<lang>.ts) is
// its own chunk per language, loaded by the modules of the pages and components that use it
// (`import "~/i18n/pages/<namespace>"`, decision 025). Such a module awaits the reader's language
// at its top level, so the route module that imports it is not ready — and React Router does not
// render the page, on a first visit or after a client-side navigation — before its texts are
// there. The server reads every namespace from disk (i18n.server.ts) and names the page's
// namespace chunks in the page's head (entry.server.tsx), so the browser fetches them at once.

type Loaders = Record<string, () => Promise<unknown>>;

const waiting: [string, Record<string, unknown>][] = [];
let instance: Translator | undefined;

/**
 * The reader's language of `namespace`, from a glob of `locales/<lang>/<namespace>.json` (lazy):
 * awaited at the top level of app/i18n/pages/<namespace>.ts. Nothing to do on the server.
 */
export async function loadPageNamespace(namespace: string, loaders: Loaders): Promise<void> {
  if (import.meta.env.SSR || typeof document === "undefined") return;
  const lang = langFromHtmlLang(document.documentElement.lang);
  const load = Object.entries(loaders).find(([file]) => file.includes(`/locales/${lang}/`))?.[1];
  if (!load) throw new Error(`No ${lang} translations for the namespace ${namespace}`);
  const texts = (await load()) as Record<string, unknown>;
  if (instance) instance.add(namespace, texts);
  // The route modules of the first page run before the entry has made its translator.
  else waiting.push([namespace, texts]);
}

/** The entry's translator, given once it is made: what arrived before is added now. */
export function receivePageTranslations(target: Translator) {
  instance = target;
  for (const [namespace, texts] of waiting.splice(0)) target.add(namespace, texts);
}
