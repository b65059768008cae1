import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

let app: TestApp;
let browser: Browser;
let milestoneUrl: string;
const consoleErrors: string[] = [];

function signIn(email: string, locale: string): Promise<Page> {
  return signInPage(browser, app.url, email, { locale, errors: consoleErrors, console: true });
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const milestones = await app.database.prisma.milestone.findMany({ where: { projectId: project.id } });
  const report = milestones.find((milestone) => (milestone.titles as Record<string, string>).sv === "Rapport om Hotline 12345")!;
  milestoneUrl = `${app.url}/projects/${project.id}/milestones/${report.id}`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("a milestone through the steering group, in Chromium", () => {
  it("Västerås submits, Jinan asks in Chinese for changes, both approve the resubmission", async () => {
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(milestoneUrl);
    await karin.getByLabel("Sammanfattning för styrgruppen").fill("Rapporten om Hotline 12345 är klar.");
    // The milestone has no Chinese title and Li Wei reads Chinese: the page says so; Karin submits anyway.
    expect(await karin.locator("main").textContent()).toContain("Titeln på kinesiska saknas – styrgruppen läser kinesiska.");
    await karin.getByRole("button", { name: "Lämna in ändå" }).click();
    await expect.poll(() => karin.locator(".notice").textContent()).toBe("Inlämnad till styrgruppen.");

    const liWei = await signIn("li.wei@jinan.example", "zh-CN");
    await liWei.goto(milestoneUrl);
    await liWei.getByLabel("意见（要求修改或否决时必填）").fill("请补充热线的接听数据。");
    await liWei.getByRole("button", { name: "要求修改" }).click();
    await expect.poll(() => liWei.locator(".notice").textContent()).toBe("您的决定已记录。");
    expect(await liWei.locator("main").textContent()).toContain("要求修改");

    await karin.reload();
    expect(await karin.locator("main").textContent()).toContain("Ändringar begärda");
    await karin.getByLabel("Sammanfattning för styrgruppen").fill("Nu med samtalsstatistik från Hotline 12345.");
    await karin.getByRole("button", { name: "Lämna in ändå" }).click();
    await expect.poll(() => karin.locator(".notice").textContent()).toBe("Inlämnad till styrgruppen.");

    const erik = await signIn("erik@vasteras.example", "sv-SE");
    await erik.goto(milestoneUrl);
    await erik.getByRole("button", { name: "Godkänn" }).click();
    await expect.poll(() => erik.locator(".notice").textContent()).toBe("Ditt beslut har registrerats.");
    await liWei.reload();
    await liWei.getByRole("button", { name: "批准" }).click();
    await expect.poll(() => liWei.locator(".notice").textContent()).toBe("您的决定已记录。");

    await karin.reload();
    const page = await karin.locator("main").textContent();
    expect(page).toContain("Godkänd");
    const rounds = karin.locator(".rounds > li");
    expect(await rounds.count()).toBe(2);
    const latest = await rounds.first().textContent();
    expect(latest).toContain("Erik Johansson");
    expect(latest).toContain("李伟 Li Wei");
    expect(await rounds.nth(1).textContent()).toContain("请补充热线的接听数据。");
    expect(consoleErrors).toEqual([]);
  });
});
