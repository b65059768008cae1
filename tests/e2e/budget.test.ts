import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import { daysFromToday } from "../support/dates";
import { pdf } from "../support/files";

let app: TestApp;
let browser: Browser;
let projectUrl: string;
const pageErrors: string[] = [];

function signIn(email: string, locale: string): Promise<Page> {
  return signInPage(browser, app.url, email, { locale, errors: pageErrors });
}

/** A cell's Swedish kronor ("30 016,31 kr", "−1 000,00 kr") in öre. */
async function ore(cell: Locator): Promise<number> {
  const text = (await cell.textContent()) ?? "";
  const digits = text.replace(/\u2212/g, "-").replace(/[^\d,-]/g, "").replace(",", "");
  expect(digits, text).toMatch(/^-?\d+$/);
  return Number(digits);
}

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  projectUrl = `${app.url}/projects/${project.id}`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("a hotel bill from Jinan, from the ledger to the year's account, in Chromium", () => {
  it("Karin records a hotel in CNY with its receipt; the budget shows it and the line's new remaining; Li Wei sees the per diem flagged in Chinese; the .xlsx has the expense", async () => {
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(`${projectUrl}/budget`);
    const accommodation = karin.locator('section[aria-labelledby="in-force"] tbody tr', { hasText: "Logi – Hotell i Jinan" });
    await expect.poll(() => accommodation.count()).toBe(1);
    const remainingBefore = await ore(accommodation.locator("td").nth(4));
    const spentBefore = await ore(accommodation.locator("td").nth(3));

    // The hotel, paid in yuan, at the rate table's rate of the day (1,4567).
    await karin.getByRole("link", { name: "Utgifter", exact: true }).first().click();
    await karin.waitForURL(/\/budget\/expenses$/);
    // The form is behind the list's button, in a dialog (decision 027).
    await karin.getByRole("link", { name: "Bokför en utgift" }).click();
    await karin.getByRole("dialog", { name: "Bokför en utgift" }).waitFor({ state: "visible" });
    await karin.getByLabel("Betalningsdag").fill(daysFromToday(-3));
    await karin.getByLabel("Mottagare").fill("Jinan Quancheng Hotel");
    await karin.getByLabel("Avser").fill("Två extra nätter för tolkarna");
    await karin.getByLabel("Kostnadsslag").selectOption({ label: "Logi" });
    await karin.getByLabel("Valuta").selectOption("CNY");
    await karin.getByLabel("Betalt belopp").fill("2 000,00");
    await karin.getByLabel("Besök", { exact: true }).selectOption({ label: "Västerås delegation i Jinan" });
    await karin.getByRole("button", { name: "Bokför en utgift" }).click();
    await karin.waitForURL(/\/budget\/expenses\/[a-z0-9]+$/);
    const facts = karin.locator("main dl.facts");
    // 2 000,00 CNY × 1,4567 = 2 913,40 SEK.
    await expect.poll(async () => (await facts.textContent())?.replace(/\s/g, " ")).toContain("2 913,40 kr");
    expect(await karin.locator("main").textContent()).toContain("Utgiften har inget kvitto än");

    await karin.getByLabel("Bifoga filer").setInputFiles({ name: "kvitto-hotell.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf("Jinan Quancheng Hotel 2000 CNY")) });
    await karin.getByRole("button", { name: "Ladda upp" }).click();
    // The listed file, not the "uploading kvitto-hotell.pdf" status while it is still on its way.
    await expect.poll(() => karin.locator(".attachments li.attachment").allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining("kvitto-hotell.pdf")]);
    await karin.reload();
    expect(await karin.locator("main").textContent()).not.toContain("Utgiften har inget kvitto än");

    // The budget: the expense among the latest, the accommodation line 2 913,40 kr further spent.
    await karin.goto(`${projectUrl}/budget`);
    const latest = karin.locator('section[aria-labelledby="recent-expenses"] tbody tr').first();
    expect((await latest.textContent())?.replace(/\s/g, " ")).toMatch(/Jinan Quancheng Hotel.*2 000,00 CNY.*2 913,40 kr/);
    expect(await ore(accommodation.locator("td").nth(3))).toBe(spentBefore + 291_340);
    expect(await ore(accommodation.locator("td").nth(4))).toBe(remainingBefore - 291_340);

    // Li Wei, of the steering group, reads the ledger in Chinese: the per diem is flagged.
    const liWei = await signIn("li.wei@jinan.example", "zh-CN");
    await liWei.goto(`${projectUrl}/budget/expenses`);
    const perDiem = liWei.locator("table.ledger tbody tr", { hasText: "Västerås stad, lönekontoret" });
    expect(await perDiem.textContent()).toContain("不可报销: 出差补贴");
    expect(await perDiem.getAttribute("class")).toContain("not-eligible");
    expect(await liWei.locator("table.ledger tbody tr", { hasText: "Jinan Quancheng Hotel" }).textContent()).not.toContain("不可报销");

    // And downloads the year's account.
    await liWei.goto(`${projectUrl}/reports`);
    const [download] = await Promise.all([liWei.waitForEvent("download"), liWei.locator('a[href$="/1/account.xlsx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const expenses = book.worksheets[1]!;
    const rows: ExcelJS.Row[] = [];
    expenses.eachRow((row) => rows.push(row));
    const hotel = rows.find((row) => row.getCell("B").value === "Jinan Quancheng Hotel");
    expect(hotel, "the expense is in the workbook").toBeDefined();
    expect(hotel!.getCell("E").value).toBe("CNY");
    // Amount, rate and its source, then SEK and the receipts (decision 036).
    expect(hotel!.getCell("I").value).toBe(2913.4);
    expect(String(hotel!.getCell("J").value)).toContain("kvitto-hotell.pdf");
    // On a phone the ledger's form fits the screen; its table scrolls sideways within itself.
    const phone = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", viewport: { width: 375, height: 740 }, errors: pageErrors });
    await phone.goto(`${projectUrl}/budget/expenses`);
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > 376 && !element.closest(".table-scroll"))
        .map((element) => `${element.tagName}.${element.className}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
