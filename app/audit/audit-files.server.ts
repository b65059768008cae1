import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import type { ProjectRole } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import { spreadsheetCsv, spreadsheetWidth } from "~/utils/spreadsheet-csv";
import { activityObjects, type ActivityObject } from "./activity-objects.server";
import type { listEvents } from "./activity.server";

// The audit log as files (decision 038), in the reader's language and on the reader's clock, as the
// page shows it: the zone is named in the time column's header. One row per event, newest first.

type Events = Awaited<ReturnType<typeof listEvents>>;
type Reader = { id: string; role: ProjectRole; lang: Lang; timeZone: string };
type AuditRow = { time: DateTime; cells: string[] };

const columns = ["person", "what", "concerns", "action", "entity", "entityId", "data"] as const;

/** What the event is about, named as the activity feed names it (its present title, in the reader's language). */
function concerns(object: ActivityObject | null, lang: Lang): string {
  const t = tFor(lang);
  if (!object) return "";
  const title = object.title;
  if (!title) return t(`activity:objects.${object.kind}`);
  if ("texts" in title) return pickLocalized(title.texts, title.original, lang).text;
  if ("section" in title) return title.section.kind ? t(`plan:sections.${title.section.kind}`) : pickLocalized(title.section.titles, title.section.titleLang, lang).text;
  return title.text;
}

/** The header and rows both files write; times on the reader's clock (UTC when the zone is unknown). */
async function auditTable(projectId: string, events: Events, reader: Reader) {
  const t = tFor(reader.lang);
  const zone = DateTime.now().setZone(reader.timeZone).isValid ? reader.timeZone : "UTC";
  const objects = await activityObjects(projectId, events, reader);
  const header = [t("activity:file.time", { zone }), ...columns.map((column) => t(`activity:file.${column}`))];
  const rows: AuditRow[] = events.map((event, index) => ({
    time: DateTime.fromISO(event.createdAt, { zone }),
    cells: [
      event.actor ?? t("activity:system"),
      t(`activity:actions.${event.action.replace(/\./g, "_")}`, { defaultValue: event.action }),
      concerns(objects[index] ?? null, reader.lang),
      event.action,
      event.entityType,
      event.entityId ?? "",
      event.data && event.data !== "null" ? event.data : "",
    ],
  }));
  return { header, rows };
}

/** A time Excel reads as a date in every language. */
const CSV_TIME = "yyyy-MM-dd HH:mm:ss";

export async function auditCsv(projectId: string, events: Events, reader: Reader): Promise<string> {
  const { header, rows } = await auditTable(projectId, events, reader);
  return spreadsheetCsv([header, ...rows.map((row) => [row.time.toFormat(CSV_TIME), ...row.cells])]);
}

/** Columns as wide as their longest text (a CJK character counts twice), within bounds. */
function fittedWidth(texts: string[], max: number): number {
  return Math.min(max, Math.max(10, ...texts.map(spreadsheetWidth)) + 2);
}

export async function auditWorkbook(projectId: string, events: Events, reader: Reader): Promise<Buffer> {
  const t = tFor(reader.lang);
  const { header, rows } = await auditTable(projectId, events, reader);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("appName");
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(t("activity:audit"), {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5EBF2" } };
  for (const row of rows) {
    // Excel's dates have no zone: the wall-clock time on the reader's clock, written as if UTC.
    const wallClock = new Date(row.time.toMillis() + row.time.offset * 60_000);
    // Strings stay strings in a workbook (exceljs writes a formula only when given one), so no guard is needed.
    sheet.addRow([wallClock, ...row.cells]);
  }
  const time = sheet.getColumn(1);
  time.numFmt = "yyyy-mm-dd hh:mm:ss";
  time.width = Math.max(21, fittedWidth([header[0]!], 40));
  header.slice(1).forEach((title, index) => {
    // What changed (JSON) can be long: the widest column, cut off at the page's edge rather than wrapped.
    const max = columns[index] === "data" ? 80 : 50;
    sheet.getColumn(index + 2).width = fittedWidth([title, ...rows.map((row) => row.cells[index]!)], max);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
