import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EDITOR_ROUTES, kilobytes, pageScripts, SCRIPT_BUDGET_BYTES } from "../support/client-script";

// From Jinan (1.5 Mbit/s) every kilobyte of script is felt before a page answers a click: a page
// without an editor sends at most SCRIPT_BUDGET_BYTES of compressed script (issue 13). Counted from
// the production build that `npm test` makes first (tests/support/client-script.ts says how).
describe("script sent to the browser", () => {
  it("stays within the budget on every page without an editor", async () => {
    expect(existsSync("build/server/index.js"), "build the app first: npx react-router build").toBe(true);
    const pages = await pageScripts();
    // The route map reaches the count: every page, the editor pages among them.
    expect(pages.length).toBeGreaterThan(20);
    expect(EDITOR_ROUTES.filter((id) => !pages.some((page) => page.routeId === id))).toEqual([]);

    const over = pages
      .filter((page) => !page.editor && page.gzip > SCRIPT_BUDGET_BYTES)
      .map(
        (page) =>
          `${page.path} (${page.routeId}): ${kilobytes(page.gzip)} compressed, budget ${kilobytes(SCRIPT_BUDGET_BYTES)}; ` +
          `largest: ${page.files.slice(0, 4).map((file) => `${file.file} ${kilobytes(file.gzip)}`).join(", ")}`,
      );
    expect(over, over.join("\n")).toEqual([]);
  });
});
