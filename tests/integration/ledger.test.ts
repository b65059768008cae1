import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { daysFromToday } from "../support/dates";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { file, pdf } from "../support/files";

let app: TestApp;
let projectId: string;
let categories: Record<string, string>;
let vasterasId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const ledgerPath = () => `/projects/${projectId}/budget/expenses`;
const visibleText = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&nbsp;|\s+/g, " ").replace(/\u202f|\u00a0/g, " ");

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  categories = Object.fromEntries((await prisma.costCategory.findMany({ where: { projectId } })).map((category) => [category.key, category.id]));
  vasterasId = (await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } })).id;
  for (const email of ["owner@vasteras.example", "karin@vasteras.example", "wang.fang@jinan.example", "erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = await signedIn(app.url, email);
  }
});
afterAll(async () => {
  await app?.close();
});

const expense = (overrides: Record<string, string> = {}) => ({
  intent: "record", date: daysFromToday(-10), payee: "Testhotellet", description: "", projectYear: "1", categoryId: categories.accommodation!, payingOrgId: vasterasId,
  currency: "CNY", amount: "1 234,50", rate: "", visitId: "", ...overrides,
});

async function record(email: string, overrides: Record<string, string> = {}) {
  const response = await as(email).post(ledgerPath(), expense(overrides));
  const id = response.status === 302 ? response.headers.get("location")!.split("/").pop()! : null;
  return { response, row: id ? await app.database.prisma.expense.findUniqueOrThrow({ where: { id } }) : null };
}

describe("the ledger", () => {
  it("converts at the rate table's rate of the day, rounded to whole öre, and keeps that rate when the table changes", async () => {
    // 1 234,50 CNY × 1,4567 = 1 798,29615 SEK → 1 798,30 (half away from zero, to whole öre).
    const { row } = await record("karin@vasteras.example");
    expect(row!.amount.toFixed(2)).toBe("1234.50");
    expect(row!.rate.toString()).toBe("1.4567");
    expect(row!.rateSource).toBe("table");
    expect(row!.amountSek.toFixed(2)).toBe("1798.30");
    // The owner changes the table for that day: the recorded expense stays as it was.
    const change = await as("owner@vasteras.example").post(ledgerPath(), { intent: "addRate", currency: "CNY", validFrom: daysFromToday(-30), rate: "1,5" });
    expect(change.status).toBe(200);
    const after = await app.database.prisma.expense.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after.rate.toString()).toBe("1.4567");
    expect(after.amountSek.toFixed(2)).toBe("1798.30");
    // A new expense of that day takes the new rate: 1 234,50 × 1,5 = 1 851,75.
    expect((await record("karin@vasteras.example")).row!.amountSek.toFixed(2)).toBe("1851.75");
  });

  it("takes a typed rate as people write it, and English amounts with commas", async () => {
    const { row } = await record("wang.fang@jinan.example", { amount: "2,000.05", rate: "1.4499" });
    // 2 000,05 × 1,4499 = 2 899,872495 → 2 899,87
    expect(row!.rateSource).toBe("typed");
    expect(row!.amountSek.toFixed(2)).toBe("2899.87");
  });

  it("refuses what it cannot book, with the reason, and books nothing", async () => {
    const before = await app.database.prisma.expense.count();
    const noRate = await record("karin@vasteras.example", { currency: "USD" });
    expect(noRate.response.status).toBe(400);
    expect(await noRate.response.text()).toContain("Ingen växelkurs för den dagen");
    const badAmount = await record("karin@vasteras.example", { amount: "12,3456" });
    expect(badAmount.response.status).toBe(400);
    const badRate = await record("karin@vasteras.example", { rate: "1,23456789" });
    expect(badRate.response.status).toBe(400);
    expect(await badRate.response.text()).toContain("högst sex decimaler");
    const badYear = await record("karin@vasteras.example", { projectYear: "3" });
    expect(badYear.response.status).toBe(400);
    expect(await app.database.prisma.expense.count()).toBe(before);
  });

  it("explains a zero or negative amount, an unknown currency, a rate of 0 or 10¹² and a date outside the project period, in the reader's language, and books nothing", async () => {
    const prisma = app.database.prisma;
    const before = await prisma.expense.count();
    const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });
    const dayBefore = new Date(project.startDate.getTime() - 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(project.endDate.getTime() + 86_400_000).toISOString().slice(0, 10);
    // Wang Fang writes numbers the English and Chinese way: her amounts are given apart.
    const cases: [Record<string, string>, string, string, string?][] = [
      [{ amount: "0" }, "Ange det betalda beloppet, större än noll", "请输入大于零的实付金额"],
      [{ amount: "0,00" }, "Ange det betalda beloppet, större än noll", "请输入大于零的实付金额", "0.00"],
      [{ amount: "-1 234,50" }, "En felbokad utgift rättas genom att återföras", "记错的支出请在其页面上冲销更正", "-1,234.50"],
      [{ currency: "GBP" }, "Välj en av valutorna SEK, CNY, EUR eller USD", "请选择以下货币之一"],
      [{ rate: "0" }, "större än 0, under 1 000 000", "须大于0、小于1,000,000"],
      [{ rate: "1000000000000" }, "större än 0, under 1 000 000", "须大于0、小于1,000,000"],
      [{ date: dayBefore }, "Datumet ligger utanför projektperioden", "日期不在项目期内"],
      [{ date: dayAfter }, "Datumet ligger utanför projektperioden", "日期不在项目期内"],
      [{ date: "2026-02-30" }, "", ""],
    ];
    for (const [overrides, swedish, chinese, chineseAmount] of cases) {
      const sv = await record("karin@vasteras.example", overrides);
      expect(sv.response.status, JSON.stringify(overrides)).toBe(400);
      if (swedish) expect(visibleText(await sv.response.text()), JSON.stringify(overrides)).toContain(swedish);
      const zh = await record("wang.fang@jinan.example", { ...overrides, amount: chineseAmount ?? overrides.amount ?? "1,234.50" });
      expect(zh.response.status, JSON.stringify(overrides)).toBe(400);
      if (chinese) expect(visibleText(await zh.response.text()), JSON.stringify(overrides)).toContain(chinese);
    }
    // The first and the last day of the period are inside it.
    expect((await record("karin@vasteras.example", { date: project.startDate.toISOString().slice(0, 10), payee: "Första dagen" })).response.status).toBe(302);
    expect((await record("karin@vasteras.example", { date: project.endDate.toISOString().slice(0, 10), payee: "Sista dagen" })).response.status).toBe(302);
    expect(await prisma.expense.count()).toBe(before + 2);
  });

  it("books a form sent twice once, and answers the second sending with the first's expense", async () => {
    const prisma = app.database.prisma;
    const page = await (await as("karin@vasteras.example").get(ledgerPath())).text();
    const submissionKey = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(submissionKey).toBeDefined();
    const form = { payee: "Dubbelklick AB", currency: "SEK", amount: "450", submissionKey: submissionKey! };
    // Sent twice at once (a double click), then once more (a resend after a timeout).
    const [first, second] = await Promise.all([record("karin@vasteras.example", form), record("karin@vasteras.example", form)]);
    const third = await record("karin@vasteras.example", form);
    expect([first.response.status, second.response.status, third.response.status]).toEqual([302, 302, 302]);
    expect(new Set([first.row!.id, second.row!.id, third.row!.id]).size).toBe(1);
    expect(await prisma.expense.count({ where: { payee: "Dubbelklick AB" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "expense.create", entityId: first.row!.id } })).toBe(1);
    // A new showing of the form has a new key, and books a new expense.
    const next = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(await (await as("karin@vasteras.example").get(ledgerPath())).text())?.[1];
    expect(next).not.toBe(submissionKey);
    expect((await record("karin@vasteras.example", { ...form, submissionKey: next! })).row!.id).not.toBe(first.row!.id);
    expect(await prisma.expense.count({ where: { payee: "Dubbelklick AB" } })).toBe(2);
  });

  it("flags per diems and ineligible categories, in every language, and leaves them out of the reimbursable total", async () => {
    await record("karin@vasteras.example", { currency: "SEK", amount: "500", categoryId: categories.other_eligible!, perDiem: "on", payee: "Traktamente test" });
    const ledger = await app.database.prisma.expense.findMany({ where: { projectId }, include: { category: true } });
    const eligible = ledger.filter((row) => row.category.eligible && !row.perDiem && !row.salary);
    const sumOf = (rows: typeof ledger) => rows.reduce((total, row) => total + BigInt(row.amountSek.toFixed(2).replace(".", "")), 0n);
    const formatted = (ore: bigint) => new Intl.NumberFormat("sv-SE", { style: "currency", currency: "SEK" }).format(`${ore / 100n}.${String(ore % 100n).padStart(2, "0")}` as unknown as number).replace(/\u202f|\u00a0/g, " ");
    const page = visibleText(await (await as("erik@vasteras.example").get(ledgerPath())).text());
    expect(page).toContain(`Ersätts av ICLD${formatted(sumOf(eligible))}`);
    expect(page).toContain(`Summa i SEK${formatted(sumOf(ledger))}`);
    expect(page).toContain("Ej stödberättigat: traktamente");
    const zh = visibleText(await (await as("zhang.min@jinan.example").get(ledgerPath())).text());
    expect(zh).toContain("不可报销: 出差补贴");
    expect(zh).toContain("缺少收据");
  });

  it("corrects by a reversing entry, once, and both stay in the ledger and the audit log", async () => {
    const { row } = await record("karin@vasteras.example", { payee: "Felbokning AB", currency: "SEK", amount: "999,99" });
    const reverse = await as("karin@vasteras.example").post(`${ledgerPath()}/${row!.id}`, { intent: "reverse" });
    expect(reverse.status).toBe(302);
    const reversal = await app.database.prisma.expense.findFirstOrThrow({ where: { reversesId: row!.id } });
    expect(reversal.amountSek.toFixed(2)).toBe("-999.99");
    expect((await as("karin@vasteras.example").post(`${ledgerPath()}/${row!.id}`, { intent: "reverse" })).status).toBe(400);
    expect(await app.database.prisma.expense.count({ where: { payee: "Felbokning AB" } })).toBe(2);
    const events = await app.database.prisma.auditEvent.findMany({ where: { entityId: { in: [row!.id, reversal.id] } } });
    expect(events.map((event) => event.action).sort()).toEqual(["expense.create", "expense.reverse"]);
  });

  it("takes receipts as PDF or picture only", async () => {
    const { row } = await record("karin@vasteras.example", { payee: "Kvittotest", currency: "SEK", amount: "100" });
    const send = (item: File) => {
      const form = new FormData();
      form.set("target", "expense");
      form.set("targetId", row!.id);
      form.append("file", item);
      return as("karin@vasteras.example").post(`/projects/${projectId}/files`, form, { accept: "application/json" });
    };
    expect((await send(file(pdf("Kvitto"), "kvitto.pdf", "application/pdf"))).status).toBe(201);
    const word = await send(file(await (await import("../support/files")).compoundFile("WordDocument"), "kvitto.doc", "application/msword"));
    expect(word.status).toBe(400);
    expect(await word.text()).toContain("errors:receiptType");
    expect(await app.database.prisma.attachment.count({ where: { expenseId: row!.id } })).toBe(1);
    // The steering group reads receipts but does not add them.
    const form = new FormData();
    form.set("target", "expense");
    form.set("targetId", row!.id);
    form.append("file", file(pdf("x"), "x.pdf", "application/pdf"));
    expect((await as("erik@vasteras.example").post(`/projects/${projectId}/files`, form, { accept: "application/json" })).status).toBe(403);
  });

  it("is recorded by the owner and project group, its rates kept by the owner, read by every member", async () => {
    for (const email of ["erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
      expect((await record(email, { payee: `By ${email}` })).response.status, email).toBe(403);
      expect((await as(email).get(ledgerPath())).status, email).toBe(200);
    }
    expect((await as("karin@vasteras.example").post(ledgerPath(), { intent: "addRate", currency: "EUR", validFrom: daysFromToday(-30), rate: "11,5" })).status).toBe(403);
    expect(await app.database.prisma.expense.count({ where: { payee: { startsWith: "By " } } })).toBe(0);
  });

  it("shows a long ledger a hundred expenses at a time, newest first, with the totals of all of them on every page", async () => {
    const prisma = app.database.prisma;
    const template = await prisma.expense.findFirstOrThrow({ where: { projectId, payee: "Hotell Stora torget" } });
    const { id: _, createdAt: __, submissionKey: ___, ...fields } = template;
    await prisma.expense.createMany({ data: Array.from({ length: 150 }, (_, index) => ({ ...fields, payee: `Taxi ${index + 1}`, amount: "100", amountSek: "100" })) });
    const count = await prisma.expense.count({ where: { projectId } });
    const first = visibleText(await (await as("erik@vasteras.example").get(ledgerPath())).text());
    expect(first).toContain(`Utgift 1–100 av ${count}, senaste betalningsdag först`);
    expect(first).toContain("Tidigare utgifter →");
    expect(first).not.toContain("← Senare utgifter");
    const last = Math.ceil(count / 100);
    const lastPage = await (await as("erik@vasteras.example").get(`${ledgerPath()}?page=${last}`)).text();
    expect(visibleText(lastPage)).toContain(`Utgift ${(last - 1) * 100 + 1}–${count} av ${count}`);
    expect(visibleText(lastPage)).toContain("← Senare utgifter");
    const rowsOf = (html: string) => (html.match(/<tr[ >]/g) ?? []).length - 1;
    expect(rowsOf(lastPage)).toBe(count - (last - 1) * 100);
    // The totals are those of the whole ledger, on every page.
    const total = (text: string) => /Summa i SEK([\d ]+,\d\d) kr/.exec(text)?.[1];
    expect(total(visibleText(lastPage))).toBe(total(first));
    // A page past the end shows the last one.
    const pastTheEnd = await (await as("erik@vasteras.example").get(`${ledgerPath()}?page=999`)).text();
    expect(visibleText(pastTheEnd)).toContain(`Utgift ${(last - 1) * 100 + 1}–${count} av ${count}`);
    expect(rowsOf(pastTheEnd)).toBe(rowsOf(lastPage));
    await prisma.expense.deleteMany({ where: { projectId, payee: { startsWith: "Taxi " } } });
  });

  it("has the demo's costs: a hotel in Jinan in CNY, a per diem not eligible, a receipt missing", async () => {
    const page = visibleText(await (await as("viewer@vasteras.example").get(ledgerPath())).text());
    expect(page).toContain("济南舜耕山庄");
    expect(page).toContain("Not eligible: per diem");
    expect(page).toContain("Receipt missing");
    // The visit page shows what the visit cost.
    const visit = (await app.database.prisma.visit.findMany({ where: { projectId } })).find((candidate) => (candidate.titles as Record<string, string>).sv === "Västerås delegation i Jinan")!;
    const visitPage = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${visit.id}`)).text());
    expect(visitPage).toContain("济南舜耕山庄");
    expect(visitPage).toContain("Totalt 114 703,69 kr, varav ICLD ersätter 95 503,69 kr.");
  });
});
