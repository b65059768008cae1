import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { DEMO_PASSWORD, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { createSnapshot } from "~/plan/versions.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";

// Translation requests (decision 020) over HTTP on the demo workspace: who is told, when a request
// is done and who hears of it, what is refused, and the warning before a submission.

let app: TestApp;
let projectId: string;
const clients: Record<string, TestClient> = {};
const people: Record<string, { id: string }> = {};

const emails = {
  owner: "owner@vasteras.example",
  karin: "karin@vasteras.example",
  wang: "wang.fang@jinan.example",
  erik: "erik@vasteras.example",
  li: "li.wei@jinan.example",
  zhang: "zhang.min@jinan.example",
  viewer: "viewer@vasteras.example",
} as const;
type Person = keyof typeof emails;

const errors = (lang: "sv" | "zh" | "en") => JSON.parse(readFileSync(`locales/${lang}/errors.json`, "utf8")) as Record<string, string>;
const translationsPath = () => `/projects/${projectId}/translations`;
const prisma = () => app.database.prisma;

/** Each person's notifications of a kind, newest first. */
async function noticesOf(person: Person, kind: "translation_request" | "translation_done") {
  return prisma().notification.findMany({ where: { userId: people[person]!.id, kind }, orderBy: { createdAt: "desc" } });
}
async function noticeCounts(kind: "translation_request" | "translation_done") {
  const counts: Record<string, number> = {};
  for (const person of Object.keys(emails) as Person[]) counts[person] = (await noticesOf(person, kind)).length;
  return counts;
}
const section = (kind: string) => prisma().planSection.findFirstOrThrow({ where: { projectId, kind } });
const request = (fields: Record<string, string>) => ({ intent: "request", note: "", ...fields });

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await prisma().project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const [person, email] of Object.entries(emails)) {
    people[person] = await prisma().user.findUniqueOrThrow({ where: { email } });
    clients[person] = new TestClient(app.url);
    await clients[person].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("translation requests", () => {
  it("the demo has an open request and people's languages: Wang Fang sees Karin's request in Chinese, her own first", async () => {
    const page = await clients.wang!.get(translationsPath());
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain("待翻译");
    expect(text).toContain("您书写这种语言");
    expect(text).toContain("Karin Berg");
    const [notice] = await noticesOf("wang", "translation_request");
    expect(notice!.link).toContain("left=zh");
    const bell = visibleText(await (await clients.wang!.get("/notifications")).text());
    expect(bell).toContain(`Karin Berg请求将“${(notice!.params as Record<string, string>).title}”翻译成中文`);
  });

  it("a request reaches the project group members who write the language, never the requester", async () => {
    const goals = await section("problemAndGoals");
    const before = await noticeCounts("translation_request");
    const answer = await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: goals.id, lang: "zh", note: "Till mötet" }));
    expect(answer.status).toBe(200);
    expect(visibleText(await answer.text())).toContain("projektets medlemmar som skriver kinesiska har fått besked");
    const after = await noticeCounts("translation_request");
    // Wang Fang writes Chinese and edits the plan; Li Wei and Zhang Min write it but do not edit the plan.
    expect(after).toEqual({ ...before, wang: before.wang! + 1 });

    // English: the owner and Wang Fang write it (Karin does too, but she asked).
    const english = await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: goals.id, lang: "en" }));
    expect(english.status).toBe(200);
    expect(await noticeCounts("translation_request")).toEqual({ ...after, owner: after.owner! + 1, wang: after.wang! + 1 });
    const [notice] = await noticesOf("owner", "translation_request");
    expect(notice!.params).toMatchObject({ name: "Karin Berg", language: "en" });

    // On the section's page, the column shows the open request instead of the button.
    const page = visibleText(await (await clients.karin!.get(`/projects/${projectId}/plan/${goals.id}?left=zh&right=sv`)).text());
    expect(page).toContain("efterfrågad av Karin Berg");
  });

  it("confirming the translation is what the request waited for: it is done and the requester told", async () => {
    const goals = await section("problemAndGoals");
    const before = await noticeCounts("translation_done");
    const confirmed = await clients.wang!.post(`/projects/${projectId}/plan/${goals.id}`, { intent: "confirm", lang: "zh" });
    expect(confirmed.status).toBe(200);
    const done = await prisma().translationRequest.findFirstOrThrow({ where: { sectionId: goals.id, lang: "zh" } });
    expect(done).toMatchObject({ doneById: people.wang!.id, openKey: null });
    expect(done.doneAt).not.toBeNull();
    expect(await noticeCounts("translation_done")).toEqual({ ...before, karin: before.karin! + 1 });
    const [notice] = await noticesOf("karin", "translation_done");
    const bell = visibleText(await (await clients.karin!.get("/notifications")).text());
    expect(bell).toContain(`王芳 Wang Fang har översatt ”${(notice!.params as Record<string, string>).title}” till kinesiska`);
    // The English request stays open; the list shows the done one under "recently done".
    const list = visibleText(await (await clients.karin!.get(translationsPath())).text());
    expect(list).toContain("Översatt av 王芳 Wang Fang");
    expect(await prisma().translationRequest.count({ where: { sectionId: goals.id, openKey: { not: null } } })).toBe(1);
  });

  it("refuses a language already up to date, a text with nothing to translate and a request already open", async () => {
    const sv = errors("sv");
    const count = () => prisma().translationRequest.count();
    const before = await count();
    const background = await section("background");
    const upToDate = await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: background.id, lang: "zh" }));
    expect(upToDate.status).toBe(400);
    expect(await upToDate.text()).toContain(sv.translationUpToDate);
    const source = await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: background.id, lang: "sv" }));
    expect(source.status).toBe(400);
    const empty = await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: (await section("risks")).id, lang: "zh" }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(sv.translationNoSource);
    // The demo's open request: Chinese for the activities.
    const twice = await clients.wang!.post(translationsPath(), request({ kind: "plan_section", id: (await section("activities")).id, lang: "zh" }));
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain(errors("zh").translationAlreadyRequested);
    const milestone = await prisma().milestone.findFirstOrThrow({ where: { projectId, status: "approved" } });
    const complete = await clients.karin!.post(translationsPath(), request({ kind: "milestone", id: milestone.id, lang: "en" }));
    expect(complete.status).toBe(400);
    expect(await complete.text()).toContain(sv.translationUpToDate);
    expect(await count()).toBe(before);
  });

  it("a viewer may not ask, a stranger finds nothing; only the requester or an owner withdraws", async () => {
    const activities = await section("activities");
    const viewer = await clients.viewer!.post(translationsPath(), request({ kind: "plan_section", id: activities.id, lang: "en" }));
    expect(viewer.status).toBe(403);
    expect((await clients.viewer!.get(translationsPath())).status).toBe(200);

    await prisma().user.create({ data: { email: "stranger@example.org", name: "Stranger", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    const stranger = new TestClient(app.url);
    await stranger.signIn("stranger@example.org");
    expect((await stranger.get(translationsPath())).status).toBe(404);
    expect((await stranger.post(translationsPath(), request({ kind: "plan_section", id: activities.id, lang: "en" }))).status).toBe(404);
    // Another project's thing, named in this one: not found.
    const otherSection = await prisma().planSection.findFirstOrThrow({ where: { projectId: { not: projectId } } });
    expect((await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: otherSection.id, lang: "zh" }))).status).toBe(404);
    expect(await prisma().translationRequest.count({ where: { requestedById: { in: [people.viewer!.id] } } })).toBe(0);

    const open = await prisma().translationRequest.findFirstOrThrow({ where: { sectionId: activities.id, lang: "zh", openKey: { not: null } } });
    expect((await clients.wang!.post(translationsPath(), { intent: "cancel", requestId: open.id })).status).toBe(403);
    const cancelled = await clients.karin!.post(translationsPath(), { intent: "cancel", requestId: open.id });
    expect(cancelled.status).toBe(200);
    expect(await prisma().translationRequest.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ openKey: null, doneAt: null });
    // Withdrawn, it can be asked for again.
    expect((await clients.karin!.post(translationsPath(), request({ kind: "plan_section", id: activities.id, lang: "zh" }))).status).toBe(200);
  });

  it("minutes: the delegates of the visit who write the language are asked too", async () => {
    const items = await prisma().agendaItem.findMany({ where: { visit: { projectId, minutesClosedAt: null, participants: { some: { userId: people.zhang!.id, role: "delegate" } } }, minutesLang: "sv" }, include: { texts: true } });
    const item = items.find((candidate) => !candidate.texts.some((text) => text.lang === "zh" && text.text !== ""))!;
    expect(item).toBeDefined();
    const before = await noticeCounts("translation_request");
    const answer = await clients.erik!.post(translationsPath(), request({ kind: "agenda_item", id: item.id, lang: "zh" }));
    expect(answer.status).toBe(200);
    // Zhang Min is in the delegation and writes Chinese; Li Wei is too, but in the steering group.
    expect(await noticeCounts("translation_request")).toEqual({ ...before, wang: before.wang! + 1, zhang: before.zhang! + 1 });
  });
});

describe("submitting for approval without the approvers' languages", () => {
  let milestoneId: string;

  it("Karin's Swedish milestone: she is told the Chinese title is missing, requests it and submits", async () => {
    const created = await clients.karin!.post(`/projects/${projectId}/milestones`, {
      intent: "create",
      "title.sv": "Studiebesök i Jinan förberett",
      "description.sv": "",
      dueDate: new Date().toISOString().slice(0, 10),
      meetingTime: "",
      meetingZone: "Europe/Stockholm",
      ownerId: "",
    });
    expect(created.status).toBe(302);
    milestoneId = created.headers.get("location")!.split("/").pop()!;
    const path = `/projects/${projectId}/milestones/${milestoneId}`;
    // Computed in the loader: the page says it before anything is sent, with or without scripts.
    const page = visibleText(await (await clients.karin!.get(path)).text());
    expect(page).toContain("Titeln på kinesiska saknas – styrgruppen läser kinesiska.");
    expect(page).toContain("Be om översättningar och lämna in");
    expect(page).toContain("Lämna in ändå");
    expect(page).not.toContain("Titeln på svenska saknas");

    const before = await noticeCounts("translation_request");
    const submitted = await clients.karin!.post(path, { intent: "submit", "summary.sv": "Klart för beslut", requestTranslations: "yes" });
    expect(submitted.status).toBe(200);
    expect(visibleText(await submitted.text())).toContain("Översättningar efterfrågade:");
    expect((await prisma().milestone.findUniqueOrThrow({ where: { id: milestoneId } })).status).toBe("submitted");
    expect(await prisma().translationRequest.count({ where: { milestoneId, lang: "zh", openKey: { not: null } } })).toBe(1);
    expect(await noticeCounts("translation_request")).toEqual({ ...before, wang: before.wang! + 1 });
    // Wang Fang reads the request in Chinese, with the Swedish title (there is no other yet).
    const bell = visibleText(await (await clients.wang!.get("/notifications")).text());
    expect(bell).toContain("Karin Berg请求将“Studiebesök i Jinan förberett”翻译成中文");
  });

  it("Wang Fang writes the Chinese title of the submitted milestone: the request is done, its content stays locked", async () => {
    const path = `/projects/${projectId}/milestones/${milestoneId}`;
    const page = visibleText(await (await clients.wang!.get(path)).text());
    expect(page).toContain("添加或修改翻译");
    const changed = await clients.wang!.post(path, { intent: "translate", "title.sv": "Något annat", "title.zh": "济南考察准备就绪" });
    expect(changed.status).toBe(400);
    expect(await changed.text()).toContain(errors("zh").milestoneLocked);
    const full = await clients.wang!.post(path, { intent: "update", "title.zh": "济南考察准备就绪", "description.zh": "", dueDate: "2020-01-01", meetingTime: "", meetingZone: "Asia/Shanghai", ownerId: "" });
    expect(full.status).toBe(400);

    const before = await noticeCounts("translation_done");
    const translated = await clients.wang!.post(path, { intent: "translate", "title.zh": "济南考察准备就绪" });
    expect(translated.status).toBe(200);
    const milestone = await prisma().milestone.findUniqueOrThrow({ where: { id: milestoneId } });
    expect(milestone).toMatchObject({ status: "submitted", originalLang: "sv", titles: { sv: "Studiebesök i Jinan förberett", zh: "济南考察准备就绪" } });
    const done = await prisma().translationRequest.findFirstOrThrow({ where: { milestoneId, lang: "zh" } });
    expect(done).toMatchObject({ doneById: people.wang!.id, openKey: null });
    expect(await noticeCounts("translation_done")).toEqual({ ...before, karin: before.karin! + 1 });
    // Li Wei, deciding, now reads it in Chinese.
    expect(visibleText(await (await clients.li!.get(path)).text())).toContain("济南考察准备就绪");
  });

  it("submitting anyway requests nothing; a plan version says which sections lack the approvers' languages", async () => {
    const milestone = await prisma().milestone.create({ data: { projectId, titles: { sv: "Enkät klar" }, descriptions: {}, originalLang: "sv", dueDate: new Date() } });
    const path = `/projects/${projectId}/milestones/${milestone.id}`;
    const answer = await clients.karin!.post(path, { intent: "submit", "summary.sv": "Beslut, tack" });
    expect(answer.status).toBe(200);
    expect(await prisma().translationRequest.count({ where: { milestoneId: milestone.id } })).toBe(0);
    expect((await prisma().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("submitted");

    const snapshot = await createSnapshot(people.karin!.id, projectId, "Plan för styrgruppen");
    const page = visibleText(await (await clients.karin!.get(`/projects/${projectId}/plan/snapshots/${snapshot.id}`)).text());
    // The activities are written in Swedish only; the steering group reads Swedish and Chinese.
    expect(page).toContain("Avsnitt utan text på kinesiska: 1 – styrgruppen läser kinesiska.");
    expect(page).not.toContain("utan text på svenska");
  });
});

describe("the languages one writes", () => {
  it("are saved from the profile, at least one", async () => {
    const fields = { intent: "profile", name: "Olof Viewer", language: "en", timeZone: "Europe/Stockholm", emailNotifications: "each" };
    const none = await clients.viewer!.post("/profile", fields);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain(errors("en").writesLanguagesRequired);
    const saved = await clients.viewer!.post("/profile", { ...fields, writesLanguages: ["zh", "en"] });
    expect(saved.status).toBe(200);
    expect((await prisma().user.findUniqueOrThrow({ where: { email: emails.viewer } })).writesLanguages).toEqual(["zh", "en"]);
    const page = await (await clients.viewer!.get("/profile")).text();
    expect(page).toMatch(/name="writesLanguages" checked="" value="zh"/);
    expect(page).not.toMatch(/name="writesLanguages" checked="" value="sv"/);
  });
});
