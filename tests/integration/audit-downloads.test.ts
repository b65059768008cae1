import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMilestone } from "~/milestones/milestones.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { renderToPdf } from "../support/office";

// The audit log's two files as their readers open them: the CSV split as Swedish Excel splits it
// (list separator ";"), and the workbook read back with exceljs and opened by LibreOffice. A
// milestone titled with a formula is the attacker: it must come back as text in both.

const EVIL = '=HYPERLINK("http://evil.example","x")';

let app: TestApp;
let projectId: string;
let owner: TestClient;
let liWei: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  const karin = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  await createMilestone(karin.id, projectId, {
    title: { sv: EVIL },
    description: {},
    lang: "sv",
    dueDate: new Date("2027-03-01"),
    meetingTime: null,
    meetingZone: "Europe/Stockholm",
    ownerId: null,
    sectionIds: [],
  });
  // A second owner who reads Chinese on Shanghai's clock.
  const li = await prisma.user.update({ where: { email: "li.wei@jinan.example" }, data: { timeZone: "Asia/Shanghai" } });
  await prisma.membership.update({ where: { projectId_userId: { projectId, userId: li.id } }, data: { role: "owner" } });
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
  liWei = new TestClient(app.url);
  await liWei.signIn("li.wei@jinan.example");
});
afterAll(async () => {
  await app?.close();
});

/** A CSV as Excel with ";" as list separator reads it: a `sep=` line honoured, quoted cells with "" for ". */
function splitAsSwedishExcel(text: string): string[][] {
  let rest = text.replace(/^\uFEFF/, "");
  let separator = ";";
  const sep = /^sep=(.)\r?\n/.exec(rest);
  if (sep) {
    separator = sep[1]!;
    rest = rest.slice(sep[0].length);
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    if (quoted) {
      if (char === '"' && rest[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === separator) row.push(cell), (cell = "");
    else if (char === "\r" && rest[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

describe("the audit log as CSV", () => {
  it("opens in Swedish Excel in columns, headed in the reader's language, formulas kept as text", async () => {
    const response = await owner.get(`/projects/${projectId}/audit/csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.startsWith("sep=;\r\n")).toBe(true);

    const rows = splitAsSwedishExcel(text);
    const [header, ...events] = rows;
    expect(header).toEqual(["Tid (Europe/Stockholm)", "Person", "Vad", "Gäller", "Händelse (kod)", "Objekttyp", "Objekt-id", "Ändringar (data)"]);
    expect(events.length).toBe(await app.database.prisma.auditEvent.count({ where: { projectId } }));
    for (const row of events) expect(row).toHaveLength(header!.length);
    // Excel reads "2026-05-04 13:07:09" as a date in any language.
    for (const row of events) expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const evil = events.find((row) => row[4] === "milestone.create" && row[3]!.includes("HYPERLINK"))!;
    expect(evil[3]).toBe(`'${EVIL}`);
    expect(evil[1]).toBe("Karin Berg");
    expect(evil[2]).toBe("skapade en milstolpe");
    // No cell of the file starts as a formula would.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("keeps the page's filters and its authorization", async () => {
    const milestones = splitAsSwedishExcel(await (await owner.get(`/projects/${projectId}/audit/csv?kind=milestones`)).text());
    expect(milestones.length).toBeGreaterThan(1);
    for (const row of milestones.slice(1)) expect(row[4]).toMatch(/^(milestone|approval)\./);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(splitAsSwedishExcel(await (await owner.get(`/projects/${projectId}/audit/csv?from=${tomorrow}`)).text())).toHaveLength(1);

    // Filters no form sends are ignored, as on the page: never a 500.
    for (const query of ["kind=nonsense", "from=2026-02-30&to=yesterday", `actorId=${"x".repeat(5000)}`, "kind=plan&kind=budget"]) {
      for (const file of ["csv", "xlsx"]) expect((await owner.get(`/projects/${projectId}/audit/${file}?${query}`)).status, `${file}?${query.slice(0, 40)}`).toBe(200);
    }

    const karin = new TestClient(app.url);
    await karin.signIn("karin@vasteras.example");
    expect((await karin.get(`/projects/${projectId}/audit/csv`)).status).toBe(403);
    expect((await karin.get(`/projects/${projectId}/audit/xlsx`)).status).toBe(403);
    expect((await new TestClient(app.url).get(`/projects/${projectId}/audit/xlsx`)).status).toBeGreaterThanOrEqual(300);
  });
});

describe("the audit log as an Excel workbook", () => {
  it("has one row per event under translated headers, times as dates on the reader's clock, and opens", async () => {
    const response = await liWei.get(`/projects/${projectId}/audit/xlsx?kind=milestones`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.xlsx"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;

    expect(sheet.getRow(1).values).toEqual([undefined, "时间（Asia/Shanghai）", "人员", "操作", "对象", "操作代码", "实体类型", "实体ID", "变更内容（数据）"]);
    const expected = await app.database.prisma.auditEvent.findMany({
      where: { projectId, OR: [{ action: { startsWith: "milestone." } }, { action: { startsWith: "approval." } }] },
      orderBy: { createdAt: "desc" },
    });
    expect(sheet.rowCount).toBe(expected.length + 1);
    expected.forEach((event, index) => {
      const row = sheet.getRow(index + 2);
      const time = row.getCell(1);
      expect(time.type).toBe(ExcelJS.ValueType.Date);
      expect(time.numFmt).toMatch(/yyyy-mm-dd hh:mm/);
      // The wall-clock time in Shanghai (UTC+8, no summer time), as Excel shows it.
      expect((time.value as Date).getTime()).toBe(event.createdAt.getTime() + 8 * 3_600_000);
      expect(row.getCell(5).value).toBe(event.action);
    });

    // The formula is a string cell, never a formula.
    const evil = sheet.getColumn(4).values.findIndex((value) => value === EVIL);
    expect(evil).toBeGreaterThan(1);
    expect(sheet.getRow(evil).getCell(4).type).toBe(ExcelJS.ValueType.String);

    // Frozen and repeated when printed; columns wide enough for their header.
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.pageSetup.printTitlesRow).toBe("1:1");
    for (let column = 1; column <= 8; column++) expect(sheet.getColumn(column).width ?? 0).toBeGreaterThanOrEqual(10);

    const rendered = await renderToPdf(bytes, "xlsx", "audit-log");
    expect(rendered.pages).toBeGreaterThan(0);
    expect(rendered.pageTexts[0]).toContain("操作代码");
    expect(rendered.pageTexts[0]).toContain("milestone.create");
  });
});
