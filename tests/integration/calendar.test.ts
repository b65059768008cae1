import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";

// The calendar files (decision 037), read back with ical.js as a calendar app reads them: a visit's
// programme downloaded by a member, and each person's calendar address, which needs no session.

let app: TestApp;
let projectId: string;
let earlierId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  for (const email of ["owner@vasteras.example", "karin@vasteras.example", "li.wei@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = await signedIn(app.url, email);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
  return { calendar, events, byUid: new Map(events.map((event) => [event.uid, event])) };
}

/** What every calendar file must be: published, stamped in UTC, each event with a UID and a SEQUENCE. */
function expectPublished(ics: string) {
  const { calendar, events } = parse(ics);
  expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
  expect(ics).not.toMatch(/^TIMEZONE-ID:/m);
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) {
    const stamp = event.component.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.zone, `DTSTAMP of ${event.uid}`).toBe(ICAL.Timezone.utcTimezone);
    expect(event.uid).toMatch(/@partnership-workspace$/);
    expect(Number.isInteger(event.sequence)).toBe(true);
    expect(event.sequence).toBeLessThan(2 ** 31);
  }
  // Every line of the raw file is stamped with Z (what Outlook needs, whatever ical.js forgives).
  for (const line of ics.match(/^DTSTAMP.*$/gm)!) expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/);
  return parse(ics);
}

/** A time well before now, so that an edit made in this same second still counts as later. */
const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe("a visit's programme as a calendar file", () => {
  it("is published in UTC stamps with the host's VTIMEZONE, stable UIDs and a SEQUENCE that grows with an edit", async () => {
    const prisma = app.database.prisma;
    const visit = await prisma.visit.findFirstOrThrow({
      where: { projectId, host: { timeZone: "Asia/Shanghai" } },
      include: { agendaItems: { orderBy: { startsAt: "asc" } } },
    });
    const item = visit.agendaItems[0]!;
    await prisma.agendaItem.update({ where: { id: item.id }, data: { updatedAt: anHourAgo() } });
    await prisma.visit.update({ where: { id: visit.id }, data: { updatedAt: anHourAgo() } });
    const path = `/projects/${projectId}/visits/${visit.id}/calendar.ics`;

    const response = await as("karin@vasteras.example").get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const first = expectPublished(await response.text());
    expect(first.calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"))).toEqual(["Asia/Shanghai"]);
    expect(first.events.map((event) => event.uid)).toEqual(visit.agendaItems.map((agendaItem) => `${agendaItem.id}@partnership-workspace`));
    const event = first.byUid.get(`${item.id}@partnership-workspace`)!;
    expect(event.startDate.zone?.tzid).toBe("Asia/Shanghai");
    expect(event.startDate.toJSDate().toISOString()).toBe(item.startsAt.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(item.endsAt.toISOString());

    // The same file again: the same UIDs and sequences.
    const again = parse(await (await as("karin@vasteras.example").get(path)).text());
    expect(again.events.map((other) => [other.uid, other.sequence])).toEqual(first.events.map((other) => [other.uid, other.sequence]));

    // The item moved by half an hour (09:30 on the host's clock, Shanghai: 01:30 UTC).
    const day = item.startsAt.toISOString().slice(0, 10);
    const edit = await as("karin@vasteras.example").post(`/projects/${projectId}/visits/${visit.id}/items/${item.id}`, {
      intent: "update", date: day, start: "09:30", end: "11:00", "title.sv": "Flyttad punkt", place: item.place, leader: item.leader,
    });
    expect(edit.status).toBe(200);
    const edited = parse(await (await as("karin@vasteras.example").get(path)).text());
    const moved = edited.byUid.get(`${item.id}@partnership-workspace`)!;
    expect(moved.sequence).toBeGreaterThan(event.sequence);
    expect(moved.summary).toBe("Flyttad punkt");
    expect(moved.startDate.toString()).toBe(`${day}T09:30:00`);
    expect(moved.startDate.toJSDate().toISOString()).toBe(`${day}T01:30:00.000Z`);
    // The other items did not change, nor did their sequence.
    for (const other of first.events.filter((candidate) => candidate.uid !== event.uid)) {
      expect(edited.byUid.get(other.uid)!.sequence).toBe(other.sequence);
    }
  });
});

/** Makes (or renews) the person's calendar address over the profile form; returns it as the page shows it. */
async function renewAddress(email: string): Promise<string> {
  const response = await as(email).post("/profile", { intent: "calendarFeed" });
  expect(response.status).toBe(200);
  const page = await (await as(email).get("/profile")).text();
  const address = /<input id="calendar-address"[^>]*value="([^"]+)"/.exec(page)?.[1];
  expect(address, "the address is on the profile page").toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\/feed\.ics$/);
  return address!;
}

/** A calendar app: no cookie at all. */
const subscribe = (address: string, headers: Record<string, string> = {}) => fetch(new URL(address, app.url), { headers });

/** The UIDs a person's calendar must hold: everything of the projects they are a member of. */
async function expectedUids(email: string) {
  const prisma = app.database.prisma;
  const memberships = await prisma.membership.findMany({ where: { user: { email } }, select: { projectId: true } });
  const projectIds = memberships.map((membership) => membership.projectId);
  const items = await prisma.agendaItem.findMany({ where: { visit: { projectId: { in: projectIds } } }, select: { id: true } });
  const milestones = await prisma.milestone.findMany({ where: { projectId: { in: projectIds } }, select: { id: true, meetingAt: true } });
  return new Set([
    ...items.map((item) => `${item.id}@partnership-workspace`),
    ...milestones.map((milestone) => `due-${milestone.id}@partnership-workspace`),
    ...milestones.filter((milestone) => milestone.meetingAt).map((milestone) => `meeting-${milestone.id}@partnership-workspace`),
  ]);
}

describe("a person's calendar address", () => {
  it("serves, without a session, every programme, milestone and meeting of the person's projects and nothing else", async () => {
    const prisma = app.database.prisma;
    // A steering-group meeting on a milestone of the pre-study, and a milestone with a meeting in the
    // earlier project (the demo has none there), which only its members may read.
    const meetingAt = new Date("2026-10-05T07:00:00.000Z");
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId }, orderBy: { dueDate: "asc" } });
    await prisma.milestone.update({ where: { id: milestone.id }, data: { meetingAt, updatedAt: anHourAgo() } });
    await prisma.milestone.create({
      data: { projectId: earlierId, titles: { sv: "Slutrapport" }, descriptions: {}, originalLang: "sv", dueDate: new Date("2018-06-30"), meetingAt: new Date("2018-06-20T08:00:00Z") },
    });

    const owner = await renewAddress("owner@vasteras.example");
    const viewer = await renewAddress("viewer@vasteras.example");
    expect(owner).not.toBe(viewer);

    const response = await subscribe(viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("set-cookie")).toBeNull();
    const viewerCalendar = expectPublished(await response.text());
    expect(viewerCalendar.calendar.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT1H");
    const viewerUids = new Set(viewerCalendar.events.map((event) => event.uid));
    expect(viewerUids).toEqual(await expectedUids("viewer@vasteras.example"));
    // The viewer is no member of the earlier project: none of its items or milestones.
    const earlierItems = await prisma.agendaItem.findMany({ where: { visit: { projectId: earlierId } }, select: { id: true } });
    const earlierMilestones = await prisma.milestone.findMany({ where: { projectId: earlierId }, select: { id: true } });
    expect(earlierItems.length + earlierMilestones.length).toBeGreaterThan(0);
    for (const { id } of [...earlierItems, ...earlierMilestones]) {
      expect([...viewerUids].some((uid) => uid.includes(id))).toBe(false);
    }
    // The owner is: their calendar holds both projects.
    const ownerCalendar = expectPublished(await (await subscribe(owner)).text());
    const ownerUids = new Set(ownerCalendar.events.map((event) => event.uid));
    expect(ownerUids).toEqual(await expectedUids("owner@vasteras.example"));
    for (const { id } of [...earlierItems, ...earlierMilestones]) expect([...ownerUids].some((uid) => uid.includes(id))).toBe(true);

    // Both cities' zones, each item on its host's clock at the right instant.
    expect(new Set(viewerCalendar.calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid")))).toEqual(
      new Set(["Asia/Shanghai", "Europe/Stockholm"]),
    );
    const items = await prisma.agendaItem.findMany({ where: { visit: { projectId } }, include: { visit: { include: { host: true } } } });
    for (const item of items) {
      const event = viewerCalendar.byUid.get(`${item.id}@partnership-workspace`)!;
      expect(event.startDate.zone?.tzid).toBe(item.visit.host.timeZone);
      expect(event.startDate.toJSDate().toISOString()).toBe(item.startsAt.toISOString());
    }
    // A due date is a whole day; the meeting is its instant.
    const due = viewerCalendar.byUid.get(`due-${milestone.id}@partnership-workspace`)!;
    expect(due.startDate.isDate).toBe(true);
    expect(due.startDate.toString()).toBe(milestone.dueDate.toISOString().slice(0, 10));
    expect(due.summary).toMatch(/^Milestone due: /);
    const meeting = viewerCalendar.byUid.get(`meeting-${milestone.id}@partnership-workspace`)!;
    expect(meeting.startDate.toJSDate().toISOString()).toBe(meetingAt.toISOString());
    expect(meeting.summary).toMatch(/^Steering-group meeting: /);

    // Stable across downloads; an edited milestone's events come with a greater SEQUENCE.
    const again = parse(await (await subscribe(viewer)).text());
    expect(again.events.map((event) => [event.uid, event.sequence])).toEqual(viewerCalendar.events.map((event) => [event.uid, event.sequence]));
    await prisma.milestone.update({ where: { id: milestone.id }, data: { titles: { sv: "Flyttat möte", en: "Moved meeting" } } });
    const edited = parse(await (await subscribe(viewer)).text());
    expect(edited.byUid.get(`meeting-${milestone.id}@partnership-workspace`)!.sequence).toBeGreaterThan(meeting.sequence);
    expect(edited.byUid.get(`due-${milestone.id}@partnership-workspace`)!.summary).toBe("Milestone due: Moved meeting");
  });

  it("is written in the person's language", async () => {
    const address = await renewAddress("li.wei@jinan.example");
    const { calendar, events } = expectPublished(await (await subscribe(address)).text());
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("韦斯特罗斯—济南伙伴关系");
    expect(events.some((event) => event.summary.startsWith("里程碑截止："))).toBe(true);
  });

  it("is shown on the profile page in three languages; renewing it refuses the old address at once; an unknown one gets the same 404", async () => {
    const first = await renewAddress("karin@vasteras.example");
    const page = await (await as("karin@vasteras.example").get("/profile")).text();
    expect(page).toContain("Din kalenderadress");
    expect((await subscribe(first)).status).toBe(200);

    const renewed = await renewAddress("karin@vasteras.example");
    expect(renewed).not.toBe(first);
    expect((await subscribe(renewed)).status).toBe(200);
    const old = await subscribe(first);
    expect(old.status).toBe(404);
    const unknown = await subscribe(`/calendar/${"A".repeat(43)}/feed.ics`);
    expect(unknown.status).toBe(404);
    const malformed = await subscribe("/calendar/not-a-token/feed.ics");
    expect(malformed.status).toBe(404);
    // Nothing tells a revoked address from one that never was.
    const bodies = [await old.text(), await unknown.text(), await malformed.text()];
    expect(new Set(bodies).size).toBe(1);
    expect(old.headers.get("content-type")).toBe(unknown.headers.get("content-type"));

    // The audit says an address was made and renewed, never what it is.
    const events = await app.database.prisma.auditEvent.findMany({ where: { action: { startsWith: "calendar_feed." }, actor: { email: "karin@vasteras.example" } } });
    expect(events.map((event) => event.action).sort()).toEqual(["calendar_feed.create", "calendar_feed.renew"]);
    const token = renewed.split("/")[2]!;
    expect(JSON.stringify(events)).not.toContain(token);
    // Only the token's hash is kept.
    const stored = await app.database.prisma.calendarFeed.findMany();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("stops answering an address that asks for too many unknown calendars", async () => {
    const good = await renewAddress("viewer@vasteras.example");
    let status = 404;
    for (let attempt = 0; attempt < 80 && status === 404; attempt++) {
      status = (await subscribe(`/calendar/${String(attempt).padStart(43, "B")}/feed.ics`)).status;
    }
    expect(status).toBe(429);
    // While blocked, a good address from there waits too (the limit is on the asking address).
    expect((await subscribe(good)).status).toBe(429);
  });
});
