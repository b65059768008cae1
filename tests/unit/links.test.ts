import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withQuery } from "~/utils/links";

// Links are built from the route map with href() (app/utils/links.ts), never by hand: a relative
// "../budget/…" on a visit's page once led to /visits/budget/… (404), and a hand-built address
// is not checked against app/routes.ts by the type checker.

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (name === "generated") return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const handBuilt: [string, RegExp][] = [
  ["an address put together from a template", /`\/(projects|invite|login|notifications|profile)\b[^`]*\$\{/],
  ["a link relative to the route's path", /relative="path"/],
  ["an address written out by hand", /(\b(to|href|action|formAction)=\{?["`]|redirect\(["`])(?!#|\$\{href\()[^"`]*["`]/],
];

describe("links", () => {
  it("are built from the route map everywhere in the app", () => {
    const found: string[] = [];
    for (const file of sources(path.resolve("app"))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        for (const [what, pattern] of handBuilt) {
          if (pattern.test(line)) found.push(`${path.relative(process.cwd(), file)}:${index + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it("put a query string together without empty values", () => {
    expect(withQuery("/projects/p/search", { q: "政府 & co", lang: undefined, page: 2 })).toBe("/projects/p/search?q=%E6%94%BF%E5%BA%9C+%26+co&page=2");
    expect(withQuery("/projects/p/plan/export", { sections: ["a", "b"], second: "" })).toBe("/projects/p/plan/export?sections=a&sections=b");
    expect(withQuery("/projects/p/budget", {})).toBe("/projects/p/budget");
  });
});
