import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { countAgenda, listAgenda } from "~/home/agenda.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import { decide, submitForApproval } from "~/milestones/approvals.server";
import { unreadCount } from "~/notifications/notifications.server";
import { remindDueMilestones } from "~/notifications/scheduled.server";
import { listThreads, reply, startThread } from "~/plan/comments.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { cancelTranslationRequest } from "~/translation/requests.server";
import { setMinutesClosed } from "~/visits/visits.server";
import { createTestDatabase } from "../support/database";

// "What needs me" (decision 026) on the demo workspace, without HTTP: exactly what awaits each
// person, named in their language; each item gone once acted on, and its notice done with it.

let database: Database;
let projectId: string;
const people: Record<string, { id: string; organisationId: string | null; language: Lang }> = {};
const emails = {
  karin: "karin@vasteras.example",
  liWei: "li.wei@jinan.example",
  wang: "wang.fang@jinan.example",
  zhang: "zhang.min@jinan.example",
  erik: "erik@vasteras.example",
  owner: "owner@vasteras.example",
  viewer: "viewer@vasteras.example",
} as const;

beforeAll(async () => {
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: "/tmp" }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  projectId = (await database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const [key, email] of Object.entries(emails)) {
    people[key] = await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organisationId: true, language: true } });
  }
});
afterAll(async () => {
  await database?.close();
});

/** What awaits a person, as "kind: title" in their own language (the title as the page shows it). */
async function agendaOf(who: keyof typeof emails, options: { projectId?: string } = {}) {
  const person = people[who]!;
  const items = await listAgenda(person.id, person.language, options);
  return items.map((item) => `${item.kind}: ${pickLocalized(item.titles, item.original, person.language).text}${item.overdue ? " (overdue)" : ""}`);
}

describe("what awaits each demo person", () => {
  it("Karin: her overdue milestone and the open minutes of the visit she hosted", async () => {
    expect(await agendaOf("karin")).toEqual(["milestone: Rapport om Hotline 12345 (overdue)", "minutes: Jinans delegation i Västerås"]);
    const [milestone, minutes] = await listAgenda(people.karin!.id, "sv");
    expect(milestone!.link).toMatch(new RegExp(`^/projects/${projectId}/milestones/[^/]+$`));
    expect(minutes!.link).toMatch(new RegExp(`^/projects/${projectId}/visits/[^/]+$`));
    expect(milestone!.project.titles.sv).toBe(PRE_STUDY_TITLE);
  });

  it("Li Wei: the draft plan awaiting his decision, in Chinese; nothing he may not do", async () => {
    expect(await agendaOf("liWei")).toEqual(["decision: 未来项目计划草案"]);
    const [decision] = await listAgenda(people.liWei!.id, "zh");
    expect(decision!.by).toBe("Karin Berg");
    expect(decision!.due).not.toBeNull();
  });

  it("Wang Fang: Karin's request for the activities in Chinese, and the minutes of the visit she was a delegate on", async () => {
    expect(await agendaOf("wang")).toEqual(["translation: 活动", "minutes: 济南代表团访问韦斯特罗斯"]);
    const [translation] = await listAgenda(people.wang!.id, "zh");
    expect(translation!.language).toBe("zh");
    expect(translation!.link).toContain("left=zh");
  });

  it("the viewer: nothing (a viewer acts on nothing); Erik: nothing left (he has approved)", async () => {
    expect(await agendaOf("viewer")).toEqual([]);
    expect(await countAgenda(people.viewer!.id)).toBe(0);
    expect(await agendaOf("erik")).toEqual([]);
  });

  it("the bell counts the same items", async () => {
    for (const who of ["karin", "liWei", "wang", "viewer"] as const) {
      expect(await countAgenda(people[who]!.id), who).toBe((await listAgenda(people[who]!.id, "en")).length);
    }
    expect(await unreadCount(people.liWei!.id)).toBe(1);
  });

  it("a project's overview lists the same items for that project only", async () => {
    expect(await agendaOf("karin", { projectId })).toEqual(await agendaOf("karin"));
    const earlier = await database.prisma.project.findFirstOrThrow({ where: { id: { not: projectId } } });
    expect(await agendaOf("karin", { projectId: earlier.id })).toEqual([]);
  });
});

describe("an item is gone once acted on, and its notice done", () => {
  it("Li Wei decides: the decision leaves his list and his bell", async () => {
    const round = await database.prisma.approvalRequest.findFirstOrThrow({ where: { projectId, status: "pending" } });
    await decide(people.liWei!, projectId, round.id, { kind: "approve", comment: {}, lang: "zh" });
    expect(await agendaOf("liWei")).toEqual([]);
    expect(await unreadCount(people.liWei!.id)).toBe(0);
  });

  it("Karin submits her overdue milestone: it leaves her list, and its due-soon notice is done", async () => {
    const milestone = (await listAgenda(people.karin!.id, "sv")).find((item) => item.kind === "milestone")!;
    const milestoneId = milestone.link.split("/").at(-1)!;
    // A reminder had gone out for it (as if due soon when the scheduled work ran).
    await database.prisma.milestone.update({ where: { id: milestoneId }, data: { dueDate: new Date(Date.now() + 2 * 86_400_000) } });
    await remindDueMilestones();
    const reminder = await database.prisma.notification.findFirstOrThrow({ where: { userId: people.karin!.id, kind: "due_soon", link: milestone.link } });
    expect(reminder.readAt).toBeNull();
    await submitForApproval(people.karin!.id, projectId, { milestoneId }, { summary: { sv: "Rapporten är klar." }, lang: "sv" });
    expect(await agendaOf("karin")).toEqual(["minutes: Jinans delegation i Västerås"]);
    expect((await database.prisma.notification.findUniqueOrThrow({ where: { id: reminder.id } })).readAt).not.toBeNull();
    // It now awaits the steering group.
    expect(await agendaOf("liWei")).toEqual(["decision: Rapport om Hotline 12345"]);
  });

  it("Karin closes the minutes: gone for her and for the delegates", async () => {
    const minutes = (await listAgenda(people.karin!.id, "sv")).find((item) => item.kind === "minutes")!;
    await setMinutesClosed(people.karin!.id, projectId, minutes.link.split("/").at(-1)!, true);
    expect(await agendaOf("karin")).toEqual([]);
    expect(await agendaOf("zhang")).toEqual([]);
    expect(await agendaOf("wang")).toEqual(["translation: 活动"]);
  });

  it("a withdrawn request leaves Wang Fang's list, and her notice of it is done", async () => {
    const request = await database.prisma.translationRequest.findFirstOrThrow({ where: { projectId, openKey: { not: null } } });
    const notice = await database.prisma.notification.findFirstOrThrow({ where: { userId: people.wang!.id, kind: "translation_request" } });
    expect(notice.readAt).toBeNull();
    await cancelTranslationRequest({ id: people.karin!.id, role: "project_group" }, projectId, request.id);
    expect(await agendaOf("wang")).toEqual([]);
    expect((await database.prisma.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).not.toBeNull();
  });

  it("a mention awaits the person mentioned until they answer it", async () => {
    const section = await database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "risks" } });
    const anchor = new Uint8Array([1, 2, 3]);
    const thread = await startThread(people.erik!.id, projectId, { sectionId: section.id }, {
      lang: "sv", writerLang: "sv", body: { sv: "@王芳 Wang Fang kan du titta på riskerna?" }, quote: "", anchorStart: anchor, anchorEnd: anchor,
    });
    const [mention] = await listAgenda(people.wang!.id, "zh");
    expect(mention).toMatchObject({ kind: "mention", by: "Erik Johansson", link: `/projects/${projectId}/plan/${section.id}` });
    expect(mention!.titles.zh).toBe("@王芳 Wang Fang kan du titta på riskerna?");
    expect(await unreadCount(people.wang!.id)).toBe(1);
    // Someone else reading the comments does not settle it; her answer does.
    await listThreads(projectId, { sectionId: section.id }, ["sv"], { id: people.karin!.id, role: "project_group" });
    expect(await agendaOf("wang")).toHaveLength(1);
    await reply(people.wang!.id, projectId, { sectionId: section.id }, thread.id, { body: { zh: "好的，我来看。" }, writerLang: "zh" });
    expect(await agendaOf("wang")).toEqual([]);
    expect(await unreadCount(people.wang!.id)).toBe(0);
  });

  it("a mention is settled when the person opens the comments of the text", async () => {
    const section = await database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "risks" } });
    const anchor = new Uint8Array([1, 2, 3]);
    await startThread(people.erik!.id, projectId, { sectionId: section.id }, {
      lang: "sv", writerLang: "sv", body: { sv: "@Karin Berg, se här." }, quote: "", anchorStart: anchor, anchorEnd: anchor,
    });
    expect(await agendaOf("karin")).toEqual(["mention: @Karin Berg, se här."]);
    await listThreads(projectId, { sectionId: section.id }, ["sv"], { id: people.karin!.id, role: "project_group" });
    expect(await agendaOf("karin")).toEqual([]);
  });
});
