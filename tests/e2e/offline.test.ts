import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { planDocumentName } from "~/collab/document-name";
import { changeRole } from "~/members/members.server";
import { DEMO_PASSWORD, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { launchChromium, signInPage } from "../support/browser";
import { TestClient } from "../support/client";
import { connectCollab, startCollabApp, waitUntil, type CollabApp } from "../support/collab";

// A link from Jinan drops, or the server restarts, while someone types: the page keeps the editor
// and says it is offline (never the error page), and what was typed meanwhile arrives afterwards.
// And when rights are taken away from an open page, its editor says so and stops writing.
let app: CollabApp;
let browser: Browser;
let sectionId: string;
let sectionPath: string;
let projectId: string;
const errors: string[] = [];

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 300 });
  browser = await launchChromium();
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId: project.id, kind: "targetGroups" } });
  sectionId = section.id;
  projectId = project.id;
  sectionPath = `/projects/${project.id}/plan/${section.id}?left=sv&right=zh`;
});
// A failed test must not leave the server stopped for the next one.
let stopped = false;
afterEach(async () => {
  if (stopped) await app.start();
  stopped = false;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("server down while typing", () => {
  it("keeps the editor, says it is offline, and delivers the offline text after the restart", async () => {
    const page = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors });
    await page.goto(`${app.url}${sectionPath}`);
    const status = page.locator(".connection");
    await expect.poll(() => status.textContent()).toBe("Ansluten");
    const editor = page.locator('section[lang="sv"] .ProseMirror');
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Före avbrottet.");
    const stored = async () => (await app.database.prisma.richText.findUnique({ where: { sectionId_lang: { sectionId, lang: "sv" } } }))?.text ?? "";
    await expect.poll(stored, { timeout: 10_000 }).toContain("Före avbrottet.");

    await app.stop();
    stopped = true;
    await page.keyboard.type(" Skrivet utan anslutning.");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain("Inte ansluten");
    // For six seconds (past the three after which the page used to fetch its data again and fail):
    // still the editor with the offline words, the announced offline status, no error page.
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      expect(await page.locator("body").textContent()).not.toContain("Något gick fel");
      expect(await editor.count()).toBe(1);
      expect(await editor.textContent()).toContain("Skrivet utan anslutning.");
      expect(await page.getByRole("status").filter({ hasText: "Inte ansluten" }).count()).toBe(1);
      await page.waitForTimeout(500);
    }

    await app.start();
    stopped = false;
    const reader = connectCollab(app.url, planDocumentName(sectionId, "sv"), { cookie: await app.sessionCookie("wang.fang@jinan.example") });
    try {
      // The browser retries on its own (at most ten seconds apart) and sends what was kept.
      await waitUntil(() => reader.text().includes("Skrivet utan anslutning."), "the offline words to reach another reader", 20_000);
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("Ansluten");
      await expect.poll(stored, { timeout: 10_000 }).toContain("Skrivet utan anslutning.");
    } finally {
      reader.destroy();
    }
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it("an open editor says when its person may no longer write, and when their session has ended", async () => {
    const prisma = app.database.prisma;
    const email = "skribent@vasteras.example";
    const user = await prisma.user.create({ data: { email, name: "Sara Skribent", passwordHash: await hashPassword(DEMO_PASSWORD), language: "sv" } });
    const membership = await prisma.membership.create({ data: { projectId, userId: user.id, role: "project_group" } });
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    const page = await signInPage(browser, app.url, email, { locale: "sv-SE", errors });
    await page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => page.locator(".connection").textContent()).toBe("Ansluten");
    const editor = page.locator('section[lang="sv"] .ProseMirror');
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("true");

    await changeRole(owner.id, projectId, membership.id, "viewer");
    await expect.poll(() => page.locator('section[lang="sv"] [role="status"]').textContent()).toContain("Du kan inte längre redigera den här texten");
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("false");

    // Signed out elsewhere (a password change there ends this session): sign in again, says the page.
    await changeRole(owner.id, projectId, membership.id, "project_group");
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("true");
    const elsewhere = new TestClient(app.url);
    await elsewhere.signIn(email);
    const changed = await elsewhere.post("/profile", { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: "ett-nytt-langt-losenord", confirmPassword: "ett-nytt-langt-losenord" });
    expect(changed.status).toBe(200);
    await expect.poll(() => page.locator('section[lang="sv"] [role="alert"]').textContent()).toContain("Din session har avslutats");
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("false");
    expect(await page.locator('section[lang="sv"]').getByRole("link", { name: "Logga in igen" }).getAttribute("href")).toMatch(/^\/login\?redirectTo=/);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
