import type { i18n as I18n } from "i18next";
import type { Lang } from "./languages";

// Namespaces that only a few pages use (activity, auth, export, findings, home, milestones, notifications, reports,
// results: app/i18n/pages/) travel with those pages' scripts in all three languages, rather than in
// the translations every page downloads before it can be used (app/i18n/translations/): that chunk
// grows with every feature, and pages without an editor must stay within 150 KB of compressed
// script. The server reads every namespace from disk (i18n.server.ts); this is the browser's side.

type Bundles = Record<Lang, Record<string, unknown>>;

const waiting: [string, Bundles][] = [];
let instance: I18n | undefined;

function add(target: I18n, namespace: string, bundles: Bundles) {
  const lang = target.language as Lang;
  if (!target.hasResourceBundle(lang, namespace)) target.addResourceBundle(lang, namespace, bundles[lang]);
}

/** Called by a page namespace's module when a page that uses it loads (app/i18n/pages/*.ts). */
export function providePageTranslations(namespace: string, bundles: Bundles) {
  if (instance) add(instance, namespace, bundles);
  // The route modules of the first page may run before the entry has made its i18next instance.
  else waiting.push([namespace, bundles]);
}

/** The entry's i18next instance, given once it is made: what arrived before is added now. */
export function receivePageTranslations(target: I18n) {
  instance = target;
  for (const [namespace, bundles] of waiting.splice(0)) add(target, namespace, bundles);
}
