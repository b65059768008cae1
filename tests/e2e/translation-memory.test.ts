// The translation memory in Chromium (decision 019): Wang Fang translating a milestone's Swedish
// description into Chinese is offered what the project confirmed before and uses it with one
// click; beside a plan section's Chinese translation she inserts a remembered paragraph at the
// cursor.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { rememberTranslations } from "~/translation/memory.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

let app: TestApp;
let browser: Browser;
let projectId: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ collabDebounceMs: 300 });
  browser = await launchChromium();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // What the project confirmed before.
  await rememberTranslations(
    app.database.prisma,
    projectId,
    [
      { from: "sv", to: "zh", source: "Delrapporten skickas till ICLD före styrgruppens möte.", target: "中期报告在指导小组会议前提交给ICLD。" },
      { from: "sv", to: "zh", source: "Målet är att invånarnas synpunkter via kontaktcenter ska nå beslutsfattarna.", target: "目标是使居民通过联络中心提出的意见传达给决策者。" },
    ],
    null,
    "rich_text",
  );
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const wangPage = async (): Promise<Page> => signInPage(browser, app.url, "wang.fang@jinan.example", { locale: "zh-CN", errors: consoleErrors, console: true });

describe("the translation memory in Chromium", () => {
  it("offers Wang Fang a remembered sentence under the Chinese description, with the difference marked, and uses it", async () => {
    const prisma = app.database.prisma;
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId, status: "planned", originalLang: "sv" } });
    await prisma.milestone.update({
      where: { id: milestone.id },
      data: { descriptions: { sv: "Delrapporten skickas till ICLD före styrgruppens sista möte.\nDen beskriver vad förstudien har lärt." } },
    });
    const page = await wangPage();
    await page.goto(`${app.url}/projects/${projectId}/milestones/${milestone.id}`);
    await page.getByText("编辑里程碑").click();
    const field = page.locator('textarea[name="description.zh"]');
    const suggestions = field.locator("xpath=..").locator(".memory-suggestions");
    await expect.poll(() => suggestions.textContent(), { timeout: 10_000 }).toContain("中期报告在指导小组会议前提交给ICLD。");
    const text = (await suggestions.textContent())!;
    expect(text).toContain("翻译记忆");
    expect(text).toMatch(/近似匹配 9\d%/);
    // The word the remembered sentence lacks, marked and named for a screen reader.
    expect(await suggestions.locator("ins").textContent()).toBe("仅在此处原文中： sista ");
    await suggestions.getByRole("button", { name: "采用" }).click();
    expect(await field.inputValue()).toBe("中期报告在指导小组会议前提交给ICLD。");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("description.zh");
    await page.keyboard.press("End");
    await page.keyboard.type("\n报告说明预研究的经验。");
    await field.locator("xpath=ancestor::form").getByRole("button", { name: "保存", exact: true }).click();
    await expect
      .poll(async () => ((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).descriptions as Record<string, string>).zh)
      .toBe("中期报告在指导小组会议前提交给ICLD。\n报告说明预研究的经验。");
    await page.context().close();
  });

  it("beside the plan's Chinese translation, inserts a remembered paragraph at the cursor", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const page = await wangPage();
    await page.goto(`${app.url}/projects/${projectId}/plan/${section.id}?left=sv&right=zh`);
    const column = page.locator('section[lang="zh-CN"]');
    await expect.poll(() => column.locator(".editor").getAttribute("data-state"), { timeout: 15_000 }).toBe("live");
    const panel = column.locator(".memory-suggestions");
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain("目标是使居民通过联络中心提出的意见传达给决策者。");
    await column.locator(".ProseMirror").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await panel.getByRole("button", { name: "插入" }).first().click();
    await expect.poll(() => column.locator(".ProseMirror").textContent()).toContain("目标是使居民通过联络中心提出的意见传达给决策者。");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
