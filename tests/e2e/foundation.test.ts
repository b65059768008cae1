import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE, PRE_STUDY_TITLES } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium } from "../support/browser";

let app: TestApp;
let browser: Browser;
const consoleErrors: string[] = [];

function watchConsole(page: Page) {
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the foundation journey in Chromium", () => {
  it("signs in, switches to Chinese, opens the project, invites a member who accepts in another browser", async () => {
    const ownerContext = await browser.newContext({ locale: "en-GB" });
    const page = await ownerContext.newPage();
    watchConsole(page);

    await page.goto(`${app.url}/login`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByLabel("Email").fill("owner@vasteras.example");
    await page.getByLabel("Password").fill("demo-partnership");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Signed in, the home page (what awaits the owner); the projects are one click away.
    await page.waitForURL(`${app.url}/`);
    await page.goto(`${app.url}/projects`);
    // The owner's saved language is Swedish.
    expect(await page.getAttribute("html", "lang")).toBe("sv");

    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("我的项目");
    expect(await page.getByRole("button", { name: "中文" }).getAttribute("aria-pressed")).toBe("true");

    // The project by its Chinese title; the Swedish original one click away.
    await page.getByRole("link", { name: PRE_STUDY_TITLES.zh }).click();
    await page.waitForURL(/\/projects\/[^/]+$/);
    const heading = page.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.textContent()).toContain(PRE_STUDY_TITLES.zh);
    await heading.getByRole("button", { name: "瑞典语原文" }).click();
    await expect.poll(() => heading.textContent()).toContain(PRE_STUDY_TITLE);
    const body = await page.textContent("main");
    expect(body).toContain("韦斯特罗斯市, 济南市人民政府");
    expect(body).toContain("资助方");
    expect(body).toContain("ICLD");
    expect(body).toContain("275,000");

    await page.getByRole("link", { name: "成员" }).click();
    await page.waitForURL(/\/members$/);
    await page.getByLabel("电子邮箱").fill("sun.li@jinan.example");
    await page.getByLabel("角色", { exact: true }).selectOption("project_group");
    await page.getByRole("button", { name: "邀请", exact: true }).click();
    const linkField = page.locator("#invitation-link");
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

    const inviteeContext = await browser.newContext({ locale: "zh-CN" });
    const invitee = await inviteeContext.newPage();
    watchConsole(invitee);
    await invitee.goto(link);
    expect(await invitee.getAttribute("html", "lang")).toBe("zh-CN");
    await invitee.getByLabel("姓名").fill("孙丽 Sun Li");
    await invitee.getByLabel("新密码").fill("sun-li-password");
    await invitee.getByLabel("再次输入密码").fill("sun-li-password");
    await invitee.getByRole("button", { name: "加入项目" }).click();
    await invitee.waitForURL(/\/projects\/[^/]+$/);
    await expect.poll(() => invitee.getByRole("heading", { level: 1 }).textContent()).toContain(PRE_STUDY_TITLES.zh);
    expect(await invitee.textContent("main")).toContain("孙丽 Sun Li");

    // The owner sees the new member on the members page.
    await page.reload();
    expect(await page.textContent("main")).toContain("sun.li@jinan.example");

    await ownerContext.close();
    await inviteeContext.close();
    expect(consoleErrors).toEqual([]);
  });
});
