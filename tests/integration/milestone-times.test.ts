import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn } from "../support/client";
import { visibleText } from "../support/html";

let app: TestApp;
let projectId: string;
const karin = () => signedIn(app.url, "karin@vasteras.example");
const liWei = () => signedIn(app.url, "li.wei@jinan.example");

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // The meetings below fall on fixed days (their weekdays are asserted): a milestone must be due
  // within its project's period, so the demo's period (relative to the seeding day) covers them.
  await app.database.prisma.project.update({ where: { id: projectId }, data: { startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2027-06-30T00:00:00Z") } });
});
afterAll(async () => {
  await app?.close();
});


describe("a milestone's steering-group meeting on both cities' clocks", () => {
  it("is typed on Jinan's clock and read on each reader's own first", async () => {
    const client = await karin();
    const response = await client.post(`/projects/${projectId}/milestones`, {
      intent: "create", "title.sv": "Styrgruppsmöte juni", "description.sv": "", dueDate: "2026-06-10", meetingTime: "2026-06-10T09:00", meetingZone: "Asia/Shanghai", ownerId: "",
    });
    expect(response.status).toBe(302);
    const milestone = await app.database.prisma.milestone.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Styrgruppsmöte juni" } } });
    expect(milestone.meetingAt?.toISOString()).toBe("2026-06-10T01:00:00.000Z");

    const path = `/projects/${projectId}/milestones/${milestone.id}`;
    // Karin keeps Stockholm time: 03:00 in summer, then Jinan's 09:00.
    expect(visibleText(await (await client.get(path)).text())).toContain("ons 10 juni 03:00 svensk tid · ons 10 juni 09:00 kinesisk tid");
    expect(visibleText(await (await (await liWei()).get(path)).text())).toContain("6月10日周三 09:00 北京时间 · 6月10日周三 03:00 瑞典时间");
    // The list shows it too; and the edit form gives it back on Karin's clock.
    expect(visibleText(await (await client.get(`/projects/${projectId}/milestones`)).text())).toContain("03:00 svensk tid");
    expect(await (await client.get(path)).text()).toContain('value="2026-06-10T03:00"');
  });

  it("in winter, 09:00 in Jinan is 02:00 in Stockholm", async () => {
    const client = await karin();
    await client.post(`/projects/${projectId}/milestones`, {
      intent: "create", "title.sv": "Styrgruppsmöte december", "description.sv": "", dueDate: "2026-12-10", meetingTime: "2026-12-10T09:00", meetingZone: "Asia/Shanghai", ownerId: "",
    });
    const milestone = await app.database.prisma.milestone.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Styrgruppsmöte december" } } });
    expect(visibleText(await (await client.get(`/projects/${projectId}/milestones/${milestone.id}`)).text())).toContain("tors 10 dec. 02:00 svensk tid");
  });

  it("refuses a meeting time in another format, and saves nothing", async () => {
    const before = await app.database.prisma.milestone.count();
    const response = await (await karin()).post(`/projects/${projectId}/milestones`, {
      intent: "create", "title.sv": "Fel tid", "description.sv": "", dueDate: "2026-06-10", meetingTime: "10/6 kl 9", meetingZone: "Asia/Shanghai", ownerId: "",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Ange tiden som ÅÅÅÅ-MM-DD TT:MM.");
    expect(await app.database.prisma.milestone.count()).toBe(before);
  });
});
