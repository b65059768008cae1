import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languages } from "~/i18n/languages";
import { namespaces } from "~/i18n/namespaces";

// Every key in every language, the same placeholders, and every key the code uses exists.
type Tree = { [key: string]: string | Tree };
const read = (lang: string, namespace: string): Tree =>
  JSON.parse(readFileSync(path.resolve("locales", lang, `${namespace}.json`), "utf8")) as Tree;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe("locales", () => {
  it("has exactly the namespaces the app loads, in every language", () => {
    for (const lang of languages) {
      const files = readdirSync(path.resolve("locales", lang)).filter((file) => file.endsWith(".json")).sort();
      expect(files, lang).toEqual(namespaces.map((namespace) => `${namespace}.json`).sort());
    }
  });

  for (const namespace of namespaces) {
    it(`${namespace}: every key in sv, zh and en, none empty, same placeholders`, () => {
      const english = flatten(read("en", namespace));
      for (const lang of languages) {
        const other = flatten(read(lang, namespace));
        expect([...other.keys()].sort(), `${lang}/${namespace}`).toEqual([...english.keys()].sort());
        for (const [key, text] of other) {
          expect(text.trim(), `${lang}/${namespace}:${key}`).not.toBe("");
          expect(placeholders(text), `${lang}/${namespace}:${key}`).toEqual(placeholders(english.get(key) ?? ""));
        }
      }
    });
  }

  it("every literal key used in the code exists", () => {
    const known = new Set<string>();
    for (const namespace of namespaces) for (const key of flatten(read("en", namespace)).keys()) known.add(`${namespace}:${key}`);
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "generated") walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name)) sources.push(readFileSync(full, "utf8"));
      }
    };
    walk(path.resolve("app"));
    const used = new Set<string>();
    for (const source of sources) {
      for (const match of source.matchAll(/\bt\("([a-zA-Z]+(?::[a-zA-Z]+)?(?:\.[a-zA-Z_]+)*)"/g)) used.add(match[1]!);
      for (const match of source.matchAll(/"(errors:[a-zA-Z]+)"/g)) used.add(match[1]!);
    }
    const missing = [...used].map((key) => (key.includes(":") ? key : `common:${key}`)).filter((key) => !known.has(key));
    expect(missing).toEqual([]);
  });
});
