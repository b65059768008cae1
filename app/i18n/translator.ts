import type { TFunction } from "i18next";
import { defaultNamespace } from "./namespaces";
import type { Lang } from "./languages";

// What pages need of i18next — "namespace:path.to.key", {{value}} interpolation without escaping
// (React escapes) and plurals by the language's rules (key_one, key_other; key_zero first for 0) —
// in a few lines, so that pages do not carry i18next's 15 KB of compressed script (decision 025).
// Pages render with it on the server and in the browser alike; the server's own texts (e-mails,
// exports, refusals) keep i18next (i18n.server.ts). tests/unit/translator.test.ts compares the two
// on every key of every language.

/** One language's texts: namespace → nested keys. */
export type Texts = Record<string, Record<string, unknown>>;

export type Translator = {
  t: TFunction;
  /** The shape of i18next's instance that components read. */
  i18n: { language: Lang };
  /** Adds a namespace that came later (a page's, app/i18n/page-translations.ts). */
  add(namespace: string, texts: Record<string, unknown>): void;
};

const INTERPOLATION = /\{\{(.+?)\}\}/g;

export function createTranslator(lang: Lang, initial: Texts): Translator {
  const texts: Texts = { ...initial };
  const plural = new Intl.PluralRules(lang);
  // A key without options always gives the same text: looked up once.
  const plain = new Map<string, string>();

  const lookup = (namespace: string, path: string): string | undefined => {
    let node: unknown = texts[namespace];
    for (const part of path.split(".")) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === "string" ? node : undefined;
  };

  /** The text of a key, interpolated; undefined when the key is missing. */
  const translate = (key: string, options?: Record<string, unknown>): string | undefined => {
    const separator = key.indexOf(":");
    const namespace = separator > -1 ? key.slice(0, separator) : defaultNamespace;
    const path = key.slice(separator + 1);
    const count = options?.count;
    let text: string | undefined;
    if (typeof count === "number") {
      if (count === 0) text = lookup(namespace, `${path}_zero`);
      text ??= lookup(namespace, `${path}_${plural.select(count)}`);
    }
    text ??= lookup(namespace, path);
    if (text === undefined || !options) return text;
    return text.replace(INTERPOLATION, (match, written: string) => {
      const name = written.trim();
      const value = options[name];
      if (value !== undefined) return String(value);
      // As i18next: a value given as undefined is empty; one not given at all stays as it is.
      return Object.hasOwn(options, name) ? "" : match;
    });
  };

  // A missing key shows its path, as i18next shows it.
  const t = (key: unknown, options?: unknown): string => {
    if (typeof key !== "string") return "";
    const missing = () => key.slice(key.indexOf(":") + 1);
    if (options !== undefined && options !== null && typeof options === "object") return translate(key, options as Record<string, unknown>) ?? missing();
    let text = plain.get(key);
    if (text === undefined) {
      const found = translate(key);
      if (found === undefined) return missing();
      plain.set(key, found);
      text = found;
    }
    return text;
  };

  return {
    t: t as unknown as TFunction,
    i18n: { language: lang },
    add(namespace, more) {
      texts[namespace] ??= more;
    },
  };
}
