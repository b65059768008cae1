import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { minutesDocumentName } from "~/collab/document-name";
import { refusalReasons } from "~/collab/messages";
import type { Lang } from "~/i18n/languages";
import { changeRole, removeMember } from "~/members/members.server";
import { DEMO_PASSWORD, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { setMinutesClosed } from "~/visits/visits.server";
import { openSynced, planDoc, startCollabApp, staysFalse, waitUntil, type CollabApp, type CollabClient } from "../support/collab";
import { TestClient } from "../support/client";

// Rights end when they are taken away, on editor connections that are already open: after a
// sign-out, a password change, a removal, a lower role or closed minutes, what the person types is
// neither stored nor seen by anyone, and their editor learns it (closed, or read-only).
const REDIS_URL = "redis://127.0.0.1:6379";

let app: CollabApp;
let projectId: string;
let ownerId: string;
let sectionIds: string[];
const clients: CollabClient[] = [];

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 100 });
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } }, include: { planSections: true } });
  projectId = project.id;
  sectionIds = project.planSections.map((section) => section.id);
  ownerId = (await prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } })).id;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  vi.restoreAllMocks();
});
afterAll(async () => {
  await app?.close();
});

let writers = 0;
/** A new member of the project group (so no test changes a demo person others rely on). */
async function newWriter(role: "project_group" | "delegate" = "project_group") {
  writers += 1;
  const email = `writer${writers}@vasteras.example`;
  const user = await app.database.prisma.user.create({
    data: { email, name: `Skribent ${writers}`, passwordHash: await hashPassword(DEMO_PASSWORD), language: "sv" },
  });
  const membership = await app.database.prisma.membership.create({ data: { projectId, userId: user.id, role } });
  return { email, userId: user.id, membershipId: membership.id };
}

async function open(cookie: string, documentName: string, url = app.url) {
  const client = await openSynced(url, documentName, cookie);
  clients.push(client);
  return client;
}

/** A plan text in Swedish no other test uses. */
let used = 0;
function freshPlanDoc(): { documentName: string; sectionId: string; lang: Lang } {
  const sectionId = sectionIds[used++ % sectionIds.length]!;
  return { documentName: planDoc(sectionId, "sv"), sectionId, lang: "sv" };
}

const storedPlanText = async (sectionId: string, lang: Lang) =>
  (await app.database.prisma.richText.findUnique({ where: { sectionId_lang: { sectionId, lang } } }))?.text ?? "";

const readOnlyNotice = (readOnly: boolean) => JSON.stringify({ type: "access", readOnly });

/** The writer's words reach neither the other reader nor the database (the server stores after 100 ms). */
async function neverArrives(reader: CollabClient, words: string, stored: () => Promise<string>) {
  await staysFalse(async () => reader.text().includes(words) || (await stored()).includes(words), `"${words}" reached the reader or the database`, 1000);
}

/** Before the change the writer's words do arrive (so the test shows the change is what stops them). */
async function arrives(writer: CollabClient, reader: CollabClient, words: string, stored: () => Promise<string>) {
  writer.type(words);
  await waitUntil(() => reader.text().includes(words), `the reader to see "${words}"`);
  await waitUntil(async () => (await stored()).includes(words), `"${words}" to be stored`);
}

describe("rights revoked on open editor connections", () => {
  it("signing out closes the session's editors: what is typed afterwards is lost to nobody but refused", async () => {
    const writer = await newWriter();
    const browser = new TestClient(app.url);
    await browser.signIn(writer.email);
    const { documentName, sectionId, lang } = freshPlanDoc();
    const editor = await open(`__session=${browser.cookie("__session")}`, documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Före utloggningen", () => storedPlanText(sectionId, lang));

    expect((await browser.post("/logout", {})).status).toBe(302);
    await waitUntil(() => editor.closeReasons.includes(refusalReasons.signedOut), "the editor to learn that its session ended");
    editor.type("Efter utloggningen");
    await neverArrives(reader, "Efter utloggningen", () => storedPlanText(sectionId, lang));
  });

  it("a password change closes the editors of the person's other sessions", async () => {
    const writer = await newWriter();
    const { documentName, sectionId, lang } = freshPlanDoc();
    const editor = await open(await app.sessionCookie(writer.email), documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Före lösenordsbytet", () => storedPlanText(sectionId, lang));

    const profile = new TestClient(app.url);
    await profile.signIn(writer.email);
    const changed = await profile.post("/profile", { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: "ett-nytt-langt-losenord", confirmPassword: "ett-nytt-langt-losenord" });
    expect(changed.status).toBe(200);
    await waitUntil(() => editor.closeReasons.includes(refusalReasons.signedOut), "the other session's editor to learn that it ended");
    editor.type("Efter lösenordsbytet");
    await neverArrives(reader, "Efter lösenordsbytet", () => storedPlanText(sectionId, lang));
  });

  it("removal from the project closes the person's editors of its texts", async () => {
    const writer = await newWriter();
    const { documentName, sectionId, lang } = freshPlanDoc();
    const editor = await open(await app.sessionCookie(writer.email), documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Före borttagningen", () => storedPlanText(sectionId, lang));

    // Typed the moment the removal is done, before the editor has even heard of it: refused all the same.
    await removeMember(ownerId, projectId, writer.membershipId);
    editor.type("Efter borttagningen");
    await waitUntil(() => editor.closeReasons.includes(refusalReasons.noAccess), "the editor to learn that it was closed");
    await neverArrives(reader, "Efter borttagningen", () => storedPlanText(sectionId, lang));
  });

  it("made a viewer, the person's editor turns read-only at once and is told so", async () => {
    const writer = await newWriter();
    const { documentName, sectionId, lang } = freshPlanDoc();
    const editor = await open(await app.sessionCookie(writer.email), documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Före rollbytet", () => storedPlanText(sectionId, lang));

    await changeRole(ownerId, projectId, writer.membershipId, "viewer");
    editor.type("Efter rollbytet");
    await waitUntil(() => editor.notices.includes(readOnlyNotice(true)), "the editor to be told it is read-only");
    await waitUntil(() => editor.refusedUpdates > 0, "the server to refuse the viewer's change");
    await neverArrives(reader, "Efter rollbytet", () => storedPlanText(sectionId, lang));
    // Still connected, still reading: the project group's next words reach the viewer.
    reader.type("Karin skriver vidare");
    await waitUntil(() => editor.text().includes("Karin skriver vidare"), "the viewer to keep reading");
  });

  it("closed minutes turn open minutes editors read-only; reopened, writable again", async () => {
    const prisma = app.database.prisma;
    const visit = await prisma.visit.findFirstOrThrow({ where: { projectId, minutesClosedAt: null, agendaItems: { some: {} } }, include: { agendaItems: true } });
    const itemId = visit.agendaItems[0]!.id;
    const documentName = minutesDocumentName(itemId, "sv");
    const stored = async () => (await prisma.richText.findFirst({ where: { agendaItemId: itemId, lang: "sv" } }))?.text ?? "";
    const writer = await newWriter();
    const writerCookie = await app.sessionCookie(writer.email);
    const editor = await open(writerCookie, documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Mötet öppnades", stored);

    await setMinutesClosed(ownerId, projectId, visit.id, true);
    editor.type("Efter stängningen");
    await waitUntil(() => editor.notices.includes(readOnlyNotice(true)), "the editor to be told it is read-only");
    await neverArrives(reader, "Efter stängningen", stored);

    await setMinutesClosed(ownerId, projectId, visit.id, false);
    await waitUntil(() => editor.notices.includes(readOnlyNotice(false)), "the editor to be told it may write again");
    // The words typed while closed were refused for good: the browser's editor starts again from
    // the server's text (as a new client here), and what is written now is stored.
    const again = await open(writerCookie, documentName);
    expect(again.text()).not.toContain("Efter stängningen");
    await arrives(again, reader, "Öppnat igen", stored);
    expect(await stored()).not.toContain("Efter stängningen");
  });

  it("a session ended where no server heard of it still ends the connection within seconds", async () => {
    const writer = await newWriter();
    const browser = new TestClient(app.url);
    await browser.signIn(writer.email);
    const { documentName, sectionId, lang } = freshPlanDoc();
    const editor = await open(`__session=${browser.cookie("__session")}`, documentName);
    const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName);
    await arrives(editor, reader, "Före den tysta utloggningen", () => storedPlanText(sectionId, lang));

    // As another process without Redis would: the session row goes, nobody is told.
    await app.database.prisma.session.deleteMany({ where: { userId: writer.userId } });
    // A connection that sends is authorized again at least every five seconds (collab.server.ts).
    await new Promise((resolve) => setTimeout(resolve, 5500));
    editor.type("Efter den tysta utloggningen");
    await waitUntil(() => editor.closeReasons.includes(refusalReasons.signedOut), "the editor to learn that its session ended");
    await neverArrives(reader, "Efter den tysta utloggningen", () => storedPlanText(sectionId, lang));
  });

  it("with Redis, a change made on one server ends the rights of connections on another", async () => {
    const errors = vi.spyOn(console, "error");
    const first = await app.listenAnother({ redisUrl: REDIS_URL });
    const second = await app.listenAnother({ redisUrl: REDIS_URL });
    try {
      const writer = await newWriter();
      const { documentName, sectionId, lang } = freshPlanDoc();
      const editor = await open(await app.sessionCookie(writer.email), documentName, second.url);
      const reader = await open(await app.sessionCookie("karin@vasteras.example"), documentName, first.url);
      await arrives(editor, reader, "Före rollbytet via Redis", () => storedPlanText(sectionId, lang));

      // The change is made in this process; the second server hears of it through Redis only.
      await changeRole(ownerId, projectId, writer.membershipId, "viewer");
      editor.type("Efter rollbytet via Redis");
      await waitUntil(() => editor.notices.includes(readOnlyNotice(true)), "the editor on the other server to be told it is read-only");
      await neverArrives(reader, "Efter rollbytet via Redis", () => storedPlanText(sectionId, lang));
      // It travelled through Redis, not the fallback for a Redis that does not answer.
      expect(errors.mock.calls.flat().join(" ")).not.toMatch(/Redis did not bring/);
    } finally {
      for (const client of clients.splice(0)) client.destroy();
      await first.close();
      await second.close();
    }
  });
});

describe("password change", () => {
  it("ends the person's other sessions and keeps the one that changed it", async () => {
    const writer = await newWriter();
    const here = new TestClient(app.url);
    const elsewhere = new TestClient(app.url);
    await here.signIn(writer.email);
    await elsewhere.signIn(writer.email);
    expect((await elsewhere.get("/profile")).status).toBe(200);

    const changed = await here.post("/profile", { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: "ett-annat-langt-losenord", confirmPassword: "ett-annat-langt-losenord" });
    expect(changed.status).toBe(200);

    expect((await here.get("/profile")).status).toBe(200);
    const signedOut = await elsewhere.get("/profile");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("translation statuses", () => {
  it("reach every open editor of the text when one language is stored", async () => {
    const prisma = app.database.prisma;
    // A section of the pre-study with no English yet (its badge says "missing").
    const sections = await prisma.planSection.findMany({ where: { projectId, removedAt: null }, include: { texts: true } });
    const section = sections.find((candidate) => candidate.sourceLang !== "en" && !candidate.texts.some((text) => text.lang === "en" && text.text.trim() !== ""));
    if (!section) expect.fail("the demo has a section without English");
    const karin = await app.sessionCookie("karin@vasteras.example");
    const source = await open(karin, planDoc(section.id, section.sourceLang));
    const english = await open(await app.sessionCookie("wang.fang@jinan.example"), planDoc(section.id, "en"));

    english.type("Background, in English at last");
    const statusNotice = (notices: string[]) =>
      notices.map((notice) => JSON.parse(notice) as { type: string; status?: Record<Lang, string> }).find((notice) => notice.type === "status" && notice.status?.en === "needs_update");
    // The reader of the source language hears of the English text's new status, without asking.
    await waitUntil(() => statusNotice(source.notices) !== undefined, "the source's editor to be told the English status");
    expect(statusNotice(source.notices)?.status?.[section.sourceLang]).toBe("source");
  });
});
