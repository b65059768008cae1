import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { permissions } from "~/auth/permissions";
import { coreNamespaces, namespaces } from "~/i18n/namespaces";
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

  // A page that shows a key of a namespace it does not load shows the key instead of the text
  // (decision 025). Every key a page's script names ("visits:…", `budget:…${x}`) must be of the
  // core or of a namespace one of its modules loads.
  it("loads every namespace whose keys a page's script names", async () => {
    const pages = await pageScripts();
    const others = namespaces.filter((namespace) => !(coreNamespaces as readonly string[]).includes(namespace));
    const named = new RegExp(`["'\`](${others.join("|")}):([\\w.$]+)`, "g");
    // Who may do what is named the same way ("plan:edit"): not a key.
    const notKeys = new Set<string>(permissions);
    const wrong: string[] = [];
    for (const page of pages) {
      const used = new Set(page.modules.flatMap((file) => [...readFileSync(path.join("build/client", file), "utf8").matchAll(named)].filter((match) => !notKeys.has(`${match[1]}:${match[2]}`)).map((match) => match[1] as string)));
      const missing = [...used].filter((namespace) => !page.namespaces.includes(namespace));
      if (missing.length > 0) wrong.push(`${page.path} names keys of ${missing.join(", ")} but loads ${page.namespaces.join(", ") || "no page namespace"}`);
    }
    expect(pages.some((page) => page.namespaces.includes("visits"))).toBe(true);
    expect(wrong, wrong.join("\n")).toEqual([]);
  });
});
