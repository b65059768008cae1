import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minutesDocumentName } from "~/collab/document-name";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { signedIn, type TestClient } from "../support/client";
import { openSynced, startCollabApp, type CollabApp } from "../support/collab";
import { visibleText } from "../support/html";

let app: CollabApp;
let projectId: string;
let jinanId: string;
let vasterasId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 50 });
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  jinanId = (await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Asia/Shanghai" } })).id;
  vasterasId = (await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } })).id;
  for (const email of ["karin@vasteras.example", "erik@vasteras.example", "li.wei@jinan.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = await signedIn(app.url, email);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const visitFields = ({ title = "Studieresa", ...overrides }: Record<string, string> = {}) => ({
  "title.sv": title, "purpose.sv": "", travellerOrgId: vasterasId, hostOrgId: jinanId, startDate: "2027-06-14", endDate: "2027-06-18",
  status: "planned", accommodation: "", siteContact: "", ...overrides,
});

async function createVisit(overrides: Record<string, string> = {}) {
  const response = await as("karin@vasteras.example").post(`/projects/${projectId}/visits`, visitFields(overrides));
  expect(response.status).toBe(302);
  return response.headers.get("location")!.split("/").pop()!;
}

describe("exchange visits", () => {
  it("lists the partnership's two visits, upcoming and past, for every member", async () => {
    const page = visibleText(await (await as("viewer@vasteras.example").get(`/projects/${projectId}/visits`)).text());
    const upcoming = page.indexOf("Upcoming and under way");
    const past = page.indexOf("Past");
    expect(page.indexOf("Västerås delegation i Jinan")).toBeGreaterThan(upcoming);
    expect(page.indexOf("Jinans delegation i Västerås")).toBeGreaterThan(past);
    expect(page).toContain("(in Swedish, not yet translated)");
    const zh = visibleText(await (await as("li.wei@jinan.example").get(`/projects/${projectId}/visits`)).text());
    expect(zh).toContain("济南代表团访问韦斯特罗斯");
  });

  it("lets the project group create a visit; the steering group, delegates and viewers cannot", async () => {
    const before = await app.database.prisma.visit.count();
    for (const email of ["erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
      expect((await as(email).post(`/projects/${projectId}/visits`, visitFields({ title: `Not by ${email}` }))).status, email).toBe(403);
    }
    expect(await app.database.prisma.visit.count()).toBe(before);
    const id = await createVisit({ title: "Studieresa juni" });
    const page = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${id}`)).text());
    expect(page).toContain("Västerås stad besöker Jinans stad");
    // The feed tells every member, and its filter finds it under visits.
    const feed = visibleText(await (await as("viewer@vasteras.example").get(`/projects/${projectId}/activity?kind=visits`)).text());
    expect(feed).toContain("Karin Berg created a visit");
  });

  it("refuses a visit that ends before it starts, or travels to itself, with a clear message and nothing saved", async () => {
    const before = await app.database.prisma.visit.count();
    const backwards = await as("karin@vasteras.example").post(`/projects/${projectId}/visits`, visitFields({ startDate: "2027-06-18", endDate: "2027-06-14" }));
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain("Slutet måste komma efter början.");
    const itself = await as("karin@vasteras.example").post(`/projects/${projectId}/visits`, visitFields({ hostOrgId: vasterasId }));
    expect(itself.status).toBe(400);
    expect(await itself.text()).toContain("Den resande och den värdande organisationen måste vara olika.");
    const badDate = await as("karin@vasteras.example").post(`/projects/${projectId}/visits`, visitFields({ startDate: "14/6 2027" }));
    expect(badDate.status).toBe(400);
    expect(await app.database.prisma.visit.count()).toBe(before);
  });

  it("shows an item at 09:00 in Jinan as 03:00 Stockholm time in summer and 02:00 in winter", async () => {
    const summer = await createVisit({ title: "Sommarbesök", startDate: "2027-06-14", endDate: "2027-06-18" });
    const winter = await createVisit({ title: "Vinterbesök", startDate: "2027-12-06", endDate: "2027-12-10" });
    for (const [id, date] of [[summer, "2027-06-15"], [winter, "2027-12-07"]] as const) {
      const response = await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${id}`, {
        intent: "addItem", date, start: "09:00", end: "10:30", "title.sv": "Hotline 12345", place: "济南", leader: "王芳",
      });
      expect(response.status).toBe(200);
    }
    // Karin keeps Stockholm time: the host city's clock first, hers beside it.
    const summerPage = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${summer}`)).text());
    expect(summerPage).toContain("09:00–10:30 kinesisk tid · 03:00–04:30 svensk tid");
    const winterPage = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${winter}`)).text());
    expect(winterPage).toContain("09:00–10:30 kinesisk tid · 02:00–03:30 svensk tid");
    // Li Wei keeps Shanghai time: only the host city's clock.
    const liWeiPage = visibleText(await (await as("li.wei@jinan.example").get(`/projects/${projectId}/visits/${summer}`)).text());
    expect(liWeiPage).toContain("09:00–10:30 北京时间");
    expect(liWeiPage).not.toContain("瑞典时间");

    // The calendar file, read back with an iCalendar parser: Shanghai's zone and the right instants.
    const ics = await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${summer}/calendar.ics`)).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const zone = calendar.getFirstSubcomponent("vtimezone")!;
    expect(zone.getFirstPropertyValue("tzid")).toBe("Asia/Shanghai");
    ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents("vevent").map((event) => new ICAL.Event(event));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe("Hotline 12345");
    expect(events[0]!.startDate.zone?.tzid).toBe("Asia/Shanghai");
    expect(events[0]!.startDate.toString()).toBe("2027-06-15T09:00:00");
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2027-06-15T01:00:00.000Z");
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe("2027-06-15T02:30:00.000Z");
  });

  it("refuses an item that ends before it starts or has an impossible time", async () => {
    const id = await createVisit({ title: "Tidskontroll" });
    const before = await app.database.prisma.agendaItem.count({ where: { visitId: id } });
    const backwards = await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${id}`, { intent: "addItem", date: "2027-06-15", start: "10:00", end: "09:00", "title.sv": "Bakåt" });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain("Slutet måste komma efter början.");
    const impossible = await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${id}`, { intent: "addItem", date: "2027-06-15", start: "25:00", end: "26:00", "title.sv": "Omöjligt" });
    expect(impossible.status).toBe(400);
    expect(await impossible.text()).toContain("Ange tiden som TT:MM.");
    expect(await app.database.prisma.agendaItem.count({ where: { visitId: id } })).toBe(before);
  });

  it("keeps a delegation of members and guests, and nothing of a guest without a name", async () => {
    const id = await createVisit({ title: "Delegationen" });
    const zhang = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "zhang.min@jinan.example" } });
    const path = `/projects/${projectId}/visits/${id}`;
    expect((await as("karin@vasteras.example").post(path, { intent: "addParticipant", role: "delegate", userId: zhang.id, name: "", organisation: "", title: "科长" })).status).toBe(200);
    expect((await as("karin@vasteras.example").post(path, { intent: "addParticipant", role: "delegate", userId: zhang.id, name: "", organisation: "", title: "" })).status).toBe(400);
    expect((await as("karin@vasteras.example").post(path, { intent: "addParticipant", role: "interpreter", userId: "", name: "Mei Andersson", organisation: "Tolkförmedlingen", title: "Tolk" })).status).toBe(200);
    const nameless = await as("karin@vasteras.example").post(path, { intent: "addParticipant", role: "host", userId: "", name: "", organisation: "X", title: "" });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toContain("Välj en medlem eller skriv gästens namn.");
    expect(await app.database.prisma.visitParticipant.count({ where: { visitId: id } })).toBe(2);
    const page = visibleText(await (await as("viewer@vasteras.example").get(path)).text());
    expect(page).toContain("张敏 Zhang Min, 科长");
    expect(page).toContain("Mei Andersson, Tolk · Tolkförmedlingen (guest)");
  });
});

describe("minutes", () => {
  async function demoItem(visitTitle: string, itemTitle: string) {
    const visits = await app.database.prisma.visit.findMany({ where: { projectId }, include: { agendaItems: true } });
    const visit = visits.find((candidate) => (candidate.titles as Record<string, string>).sv === visitTitle)!;
    const item = visit.agendaItems.find((candidate) => (candidate.titles as Record<string, string>).sv === itemTitle)!;
    return { visit, item };
  }

  it("are written by the visit's delegation and the project group, read by the others, and closed read-only", async () => {
    const { visit, item } = await demoItem("Jinans delegation i Västerås", "Workshop: utkast till projektplan");
    const other = await demoItem("Västerås delegation i Jinan", "Studiebesök på Hotline 12345");
    const documentName = minutesDocumentName(item.id, "zh");
    const scope = async (email: string, name = documentName) => {
      const client = await openSynced(app.url, name, await app.sessionCookie(email));
      const value = client.provider.authorizedScope;
      client.destroy();
      return value;
    };
    expect(await scope("zhang.min@jinan.example")).toBe("read-write"); // in the Jinan delegation
    expect(await scope("zhang.min@jinan.example", minutesDocumentName(other.item.id, "zh"))).toBe("readonly"); // not in that one
    expect(await scope("karin@vasteras.example")).toBe("read-write");
    expect(await scope("erik@vasteras.example")).toBe("readonly"); // steering group reads
    expect(await scope("viewer@vasteras.example")).toBe("readonly");

    // A note typed by the delegate is stored with its plain text (for search and export).
    const writer = await openSynced(app.url, documentName, await app.sessionCookie("zhang.min@jinan.example"));
    writer.type("热线数据每月向市领导报告。");
    await expect.poll(async () => (await app.database.prisma.richText.findUnique({ where: { agendaItemId_lang: { agendaItemId: item.id, lang: "zh" } } }))?.text, { timeout: 5000 }).toContain("热线数据每月向市领导报告。");
    writer.destroy();

    // Closed minutes: nobody writes, and the page says so.
    expect((await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${visit.id}`, { intent: "closeMinutes" })).status).toBe(200);
    expect(await scope("zhang.min@jinan.example")).toBe("readonly");
    expect(await scope("karin@vasteras.example")).toBe("readonly");
    const page = visibleText(await (await as("zhang.min@jinan.example").get(`/projects/${projectId}/visits/${visit.id}/items/${item.id}`)).text());
    expect(page).toContain("纪要已关闭，只能阅读，不能修改。");
    // Only the project group reopens, and both acts are in the audit log.
    expect((await as("zhang.min@jinan.example").post(`/projects/${projectId}/visits/${visit.id}`, { intent: "reopenMinutes" })).status).toBe(403);
    expect((await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${visit.id}`, { intent: "reopenMinutes" })).status).toBe(200);
    const events = await app.database.prisma.auditEvent.findMany({ where: { entityId: visit.id, action: { in: ["visit.minutes_close", "visit.minutes_reopen"] } } });
    expect(events.map((event) => event.action).sort()).toEqual(["visit.minutes_close", "visit.minutes_reopen"]);
  });

  it("shows each language's translation status, as plan sections do", async () => {
    const { visit, item } = await demoItem("Jinans delegation i Västerås", "Studiebesök på kontaktcentret");
    const page = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/visits/${visit.id}/items/${item.id}?left=sv&right=zh`)).text());
    expect(page).toContain("Kontaktcentret har 40 medarbetare");
    expect(page).toContain("Källtext");
    expect(page).toContain("Aktuell"); // the Chinese minutes were confirmed against the Swedish
  });
});
