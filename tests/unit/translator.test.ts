import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tFor } from "~/i18n/i18n.server";
import { languages } from "~/i18n/languages";
import { coreNamespaces, namespaces } from "~/i18n/namespaces";
import { loadLanguage } from "~/i18n/resources";
import { createTranslator, type Texts } from "~/i18n/translator";

// Pages translate with app/i18n/translator.ts, the server's own texts with i18next: the same key
// must read the same in both, or a page and its e-mail would differ. Every key of every language,
// with its variables filled in and, for plurals, several counts.

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

describe("the pages' translator", () => {
  for (const lang of languages) {
    it(`reads every ${lang} key as i18next does`, () => {
      const texts: Texts = Object.fromEntries(namespaces.map((namespace) => [namespace, JSON.parse(readFileSync(`locales/${lang}/${namespace}.json`, "utf8"))]));
      const translator = createTranslator(lang, texts);
      const i18next = tFor(lang);
      let compared = 0;
      for (const namespace of namespaces) {
        for (const leaf of leaves(texts[namespace])) {
          const key = `${namespace}:${leaf.replace(PLURAL, "")}`;
          const text = leaf.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts[namespace]) as string;
          const variables = Object.fromEntries([...text.matchAll(/\{\{(.+?)\}\}/g)].map((match) => [match[1]!.trim(), `‹${match[1]!.trim()}›`]));
          const counts = PLURAL.test(leaf) ? [0, 1, 2, 5, 21] : [undefined];
          for (const count of counts) {
            const options: Record<string, unknown> = count === undefined ? variables : { ...variables, count };
            expect(translator.t(key, options), `${lang} ${key} ${JSON.stringify(options)}`).toBe(i18next(key, options));
            compared++;
          }
          if (!PLURAL.test(leaf) && Object.keys(variables).length === 0) expect(translator.t(key)).toBe(i18next(key));
        }
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it("shows a missing key's path, and a variable not given as it is, as i18next does", () => {
    const translator = createTranslator("sv", { common: { greeting: "Hej {{name}}, {{other}}" } });
    expect(translator.t("common:nothing.here")).toBe(tFor("sv")("common:nothing.here"));
    expect(translator.t("common:greeting", { name: "Karin" })).toBe("Hej Karin, {{other}}");
    expect(translator.t("common:greeting", { name: "Karin", other: undefined })).toBe("Hej Karin, ");
  });

  it("takes a namespace that comes later, and does not remember a key looked up before it came", () => {
    const translator = createTranslator("zh", {});
    expect(translator.t("visits:title")).toBe("title");
    translator.add("visits", { title: "访问" });
    expect(translator.t("visits:title")).toBe("访问");
  });

  // The core chunk's glob (app/i18n/translations/<lang>.ts) is a literal: it must hold the core.
  for (const lang of languages) {
    it(`fetches exactly the core namespaces first in ${lang}`, async () => {
      expect(Object.keys(await loadLanguage(lang)).sort()).toEqual([...coreNamespaces].sort());
    });
  }
});
