import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/auth/session.server";

// Where a browser goes with the answer: the Location resolved against the site's own address.
const site = "https://workspace.example";
const landsOn = (location: string) => new URL(location, `${site}/login?redirectTo=x`);

describe("safeRedirect", () => {
  it("sends nowhere off the site, whatever it is given, and never throws", () => {
    // Plain strings, and strings built from the pieces browsers treat specially.
    const tricky = fc.constantFrom("/", "//", "\\", "/\\", "\t", "\n", "\r", "\u0000", "\u000b", "\u3000", "\u00a0", "\u2028", "\ufeff", " ", ".", "..", "%2f", "%5c", ":", "@", "?", "#", "evil.example", "http:", "https://evil.example", "javascript:alert(1)", "中文");
    const input = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.array(tricky, { maxLength: 8 }).map((parts) => parts.join("")));
    fc.assert(
      fc.property(input, (to) => {
        const result = safeRedirect(to);
        expect(landsOn(result).origin).toBe(site);
        // A header value the server can send: no 500 for any input.
        expect(result).toMatch(/^\/[\x21-\x7e]*$/);
        expect(result.startsWith("//")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every address of the site as it is", () => {
    const unreserved = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~");
    const encoded = fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`);
    // "%2E" and "%2E%2E" alone are dot segments, which every browser resolves away ("/%2E/a" is "/a"): not an address as it is.
    const word = fc
      .array(fc.oneof(unreserved, encoded), { minLength: 1, maxLength: 12 })
      .map((chars) => chars.join(""))
      .filter((chars) => !/^(%2E){1,2}$/i.test(chars));
    const pathname = fc.array(word, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join("/")}`);
    const search = fc.option(fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 3 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`), { nil: "" });
    const hash = fc.option(word.map((fragment) => `#${fragment}`), { nil: "" });
    fc.assert(
      fc.property(pathname, search, hash, (path, query, fragment) => {
        const local = `${path}${query}${fragment}`;
        expect(safeRedirect(local)).toBe(local);
      }),
      { numRuns: 1000 },
    );
    expect(safeRedirect("/projects/abc/plan?lang=zh&compare=sv")).toBe("/projects/abc/plan?lang=zh&compare=sv");
  });

  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/../..//evil.example",
    "/\u3000/evil.example",
    "/\u0000",
    "https://evil.example/",
    "javascript:alert(1)",
    "",
  ])("falls back for %j", (to) => {
    expect(safeRedirect(to)).toBe("/projects");
  });

  it("falls back for what is not a string", () => {
    expect(safeRedirect(null)).toBe("/projects");
    expect(safeRedirect(undefined, "/login")).toBe("/login");
  });
});
