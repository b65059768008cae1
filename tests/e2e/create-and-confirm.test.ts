import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// Create on demand and safe actions (decision 027): a list's "New …" button opens its form in a
// dialog (a sheet on a phone), the new item is shown and announced; removing, closing, rejecting
// and restoring ask first, in the reader's language, and cancelling changes nothing.

let app: TestApp;
let browser: Browser;
let projectId: string;
let projectUrl: string;
const pageErrors: string[] = [];

function signIn(email: string, locale: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  return signInPage(browser, app.url, email, { locale, viewport, errors: pageErrors, console: true });
}

/** A date inside the pre-study's period, as a date field takes it. */
function inProject(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  projectId = project.id;
  projectUrl = `${app.url}/projects/${projectId}`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  // The refused milestone is answered 400, as every refused form is; nothing else may go wrong.
  expect(pageErrors.filter((error) => !error.endsWith("the server responded with a status of 400 (Bad Request)"))).toEqual([]);
});

const milestoneCount = (sv: string) => app.database.prisma.milestone.count({ where: { projectId, titles: { path: ["sv"], equals: sv } } });

describe("create on demand and safe actions, in Chromium", () => {
  it("Karin creates a milestone through its dialog at 1280 px: a refusal keeps the dialog and her text, the new milestone is shown and announced", async () => {
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(`${projectUrl}/milestones`);
    const dialog = karin.getByRole("dialog", { name: "Ny milstolpe" });
    expect(await dialog.isVisible()).toBe(false);

    // The button opens the form in a dialog; Esc closes it and the focus is back on the button.
    const open = karin.getByRole("link", { name: "Ny milstolpe" });
    await open.click();
    await dialog.waitFor({ state: "visible" });
    expect(await karin.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("title.sv");
    await karin.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await karin.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Ny milstolpe");

    // No date: refused, the dialog stays with the message and what she typed; nothing is saved.
    await open.click();
    await dialog.locator('input[name="title.sv"]').fill("Workshop om kundnöjdhet");
    await dialog.locator('textarea[name="description.sv"]').fill("Vi jämför mätningarna i båda städerna.");
    await dialog.getByRole("button", { name: "Skapa milstolpe" }).click();
    await expect.poll(() => dialog.locator(".form-error, .field-error, [role=alert]").count()).toBeGreaterThan(0);
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.locator('input[name="title.sv"]').inputValue()).toBe("Workshop om kundnöjdhet");
    expect(await dialog.locator('textarea[name="description.sv"]').inputValue()).toBe("Vi jämför mätningarna i båda städerna.");
    expect(await milestoneCount("Workshop om kundnöjdhet")).toBe(0);

    // With the date: the new milestone's page, and the status message says it is created.
    await dialog.locator('input[name="dueDate"]').fill(inProject(20));
    await dialog.getByRole("button", { name: "Skapa milstolpe" }).click();
    await karin.waitForURL(/\/milestones\/[^/?]+$/);
    await expect.poll(() => karin.locator("h1").textContent()).toContain("Workshop om kundnöjdhet");
    await expect.poll(() => karin.getByRole("status").filter({ hasText: "Milstolpen är skapad." }).count()).toBe(1);
    expect(await milestoneCount("Workshop om kundnöjdhet")).toBe(1);
    // The message goes once she moves on.
    await karin.getByRole("link", { name: "Milstolpar" }).first().click();
    await karin.waitForURL(/\/milestones$/);
    await expect.poll(() => karin.getByRole("status").filter({ hasText: "Milstolpen är skapad." }).count()).toBe(0);
    await karin.context().close();
  });

  it("on a phone 375 px wide the dialog is a sheet over the whole screen, and creating works the same", async () => {
    const karin = await signIn("karin@vasteras.example", "sv-SE", { width: 375, height: 740 });
    await karin.goto(`${projectUrl}/milestones`);
    await karin.getByRole("link", { name: "Ny milstolpe" }).click();
    const dialog = karin.getByRole("dialog", { name: "Ny milstolpe" });
    await dialog.waitFor({ state: "visible" });
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBe(375);
    expect(box.height).toBe(740);
    // Nothing in it is wider than the phone.
    const wide = await dialog.evaluate((element) =>
      [...element.querySelectorAll("*")].filter((child) => child.getBoundingClientRect().right > 376).map((child) => `${child.tagName}.${child.className}`),
    );
    expect(wide).toEqual([]);
    await dialog.locator('input[name="title.sv"]').fill("Studiebesök i mobilen");
    await dialog.locator('input[name="dueDate"]').fill(inProject(30));
    await dialog.getByRole("button", { name: "Skapa milstolpe" }).click();
    await karin.waitForURL(/\/milestones\/[^/?]+$/);
    await expect.poll(() => karin.getByRole("status").filter({ hasText: "Milstolpen är skapad." }).count()).toBe(1);
    expect(await milestoneCount("Studiebesök i mobilen")).toBe(1);
    await karin.context().close();
  });

  it("removing Wang Fang from a delegation asks first, says what will happen; cancelling changes nothing, confirming removes", async () => {
    const prisma = app.database.prisma;
    const wang = await prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    const visit = await prisma.visit.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Jinans delegation i Västerås" } } });
    const delegate = () => prisma.visitParticipant.count({ where: { visitId: visit.id, userId: wang.id } });
    expect(await delegate()).toBe(1);

    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(`${projectUrl}/visits/${visit.id}`);
    await karin.getByRole("button", { name: "Ta bort 王芳 Wang Fang" }).click();
    const dialog = karin.getByRole("dialog", { name: "Ta bort 王芳 Wang Fang ur delegationen?" });
    await dialog.waitFor({ state: "visible" });
    const message = await dialog.textContent();
    expect(message).toContain("王芳 Wang Fang är inte längre delegat vid besöket ”Jinans delegation i Västerås”");
    expect(message).toContain("Anteckningarna finns kvar.");
    // The safe choice has the focus.
    expect(await karin.evaluate(() => document.activeElement?.textContent)).toBe("Avbryt");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await delegate()).toBe(1);

    await karin.getByRole("button", { name: "Ta bort 王芳 Wang Fang" }).click();
    await dialog.waitFor({ state: "visible" });
    await dialog.getByRole("button", { name: "Ta bort 王芳 Wang Fang" }).click();
    await expect.poll(delegate).toBe(0);
    await expect.poll(() => karin.getByRole("button", { name: "Ta bort 王芳 Wang Fang" }).count()).toBe(0);

    // Closing the minutes asks too.
    await karin.getByRole("button", { name: "Stäng protokollet" }).click();
    const close = karin.getByRole("dialog", { name: "Stäng protokollet?" });
    await close.waitFor({ state: "visible" });
    expect(await close.textContent()).toContain("blir skrivskyddade för alla");
    await close.getByRole("button", { name: "Avbryt" }).click();
    await close.waitFor({ state: "hidden" });
    expect((await prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).minutesClosedAt).toBeNull();
    await karin.context().close();
  });

  it("removing a project member asks first; cancelling changes nothing, confirming removes", async () => {
    const prisma = app.database.prisma;
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: "viewer@vasteras.example" } });
    const member = () => prisma.membership.count({ where: { projectId, userId: viewer.id } });
    expect(await member()).toBe(1);

    const owner = await signIn("owner@vasteras.example", "sv-SE");
    await owner.goto(`${projectUrl}/members`);
    await owner.getByRole("button", { name: "Ta bort Olof Viewer" }).click();
    const dialog = owner.getByRole("dialog", { name: "Ta bort Olof Viewer ur projektet?" });
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.textContent()).toContain("Olof Viewer förlorar genast åtkomsten till projektet");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await member()).toBe(1);

    await owner.getByRole("button", { name: "Ta bort Olof Viewer" }).click();
    await dialog.getByRole("button", { name: "Ta bort Olof Viewer" }).click();
    await expect.poll(member).toBe(0);
    await owner.context().close();
  });

  it("in Chinese, Li Wei's rejection asks first in Chinese; cancelling records no decision", async () => {
    const prisma = app.database.prisma;
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Utkast till framtida projektplan" } } });
    const decisions = () => prisma.decision.count({ where: { request: { milestoneId: milestone.id } } });
    const before = await decisions();

    const li = await signIn("li.wei@jinan.example", "zh-CN");
    await li.goto(`${projectUrl}/milestones/${milestone.id}`);
    await li.getByRole("button", { name: "否决", exact: true }).click();
    const dialog = li.getByRole("dialog", { name: /否决？$/ });
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.textContent()).toContain("否决将连同您的意见一并记录，且不可更改");
    expect(await dialog.getByRole("button", { name: "确认否决" }).count()).toBe(1);
    await dialog.getByRole("button", { name: "取消" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await decisions()).toBe(before);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("submitted");
    await li.context().close();
  });
});
