import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hashPassword } from "~/auth/password.server";
import { jsonToHtml, jsonToText, normaliseDocument } from "~/editor/content.server";
import { TIPTAP_FIELD } from "~/editor/extensions";
import { mentionedIds } from "~/editor/mentions.server";
import { draftPieces } from "~/editor/draft-pieces.server";
import { tFor } from "~/i18n/i18n.server";
import { notificationMessage } from "~/notifications/message";
import { reindex, search } from "~/search/search.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { TestClient } from "../support/client";
import { openSynced, planDoc, staysFalse, startCollabApp, waitUntil, type CollabApp, type CollabClient } from "../support/collab";
import { documentText, unzip } from "../support/docx";

// @mentions in a live text (decision 029): the person mentioned is told once, when the text that
// first holds the mention is stored, not on the saves after it; a mention of someone who is not a
// member (or may not read the text) tells nobody; the mention survives every form the text takes.

let app: CollabApp;
let projectId: string;
let sectionId: string;
let karinCookie: string;
let wang: { id: string; name: string };
let outsider: { id: string; name: string };
let writer: CollabClient;

/** Appends a paragraph holding a mention, as the editor's suggestion inserts it (an atom with id and label). */
function typeMention(client: CollabClient, person: { id: string; name: string }, before: string, after: string) {
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    const mention = new Y.XmlElement("mention");
    mention.setAttribute("id", person.id);
    mention.setAttribute("label", person.name);
    paragraph.insert(0, [new Y.XmlText(before), mention, new Y.XmlText(after)]);
    client.doc.getXmlFragment(TIPTAP_FIELD).push([paragraph]);
  });
}

const storedText = async () => (await app.database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "sv" } } })).text;
const mentionsOf = (userId: string) => app.database.prisma.notification.findMany({ where: { userId, kind: "text_mention" } });

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 100 });
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } }, include: { planSections: true } });
  projectId = project.id;
  sectionId = project.planSections.find((section) => section.kind === "background")!.id;
  wang = await prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" }, select: { id: true, name: true } });
  outsider = await prisma.user.create({
    data: { email: "not.a.member@example.org", name: "Nils Utanför", passwordHash: await hashPassword("demo-partnership") },
    select: { id: true, name: true },
  });
  karinCookie = await app.sessionCookie("karin@vasteras.example");
  writer = await openSynced(app.url, planDoc(sectionId, "sv"), karinCookie);
}, 60_000);
afterAll(async () => {
  writer?.destroy();
  await app?.close();
});

describe("@mentions in a live text", () => {
  it("tells the member mentioned once, named after the writer, and not again on later saves", async () => {
    expect(await mentionsOf(wang.id)).toHaveLength(0);
    typeMention(writer, wang, "Frågan om kontaktcentrets öppettider: ", " tar fram underlaget.");
    await waitUntil(async () => (await mentionsOf(wang.id)).length > 0, "Wang Fang's notification", 15_000);
    const [notice] = await mentionsOf(wang.id);
    expect(notice!.projectId).toBe(projectId);
    expect(notice!.link).toContain(`/projects/${projectId}/plan/${sectionId}`);
    const params = notice!.params as Record<string, string>;
    expect(params.name).toBe("Karin Berg");
    // In her language (Chinese): the section's title and who mentioned her.
    expect(notificationMessage(tFor("zh"), notice!.kind, params)).toBe(`Karin Berg在“${params.title}”中提及了您`);
    expect(params.title).not.toBe("");
    expect((await app.database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "sv" } } })).mentions).toEqual([wang.id]);

    // Karin keeps writing: two more stores, the mention still in the text.
    writer.type("Vi återkommer med en tidsplan.");
    await waitUntil(async () => (await storedText()).includes("tidsplan"), "the next store", 15_000);
    writer.type("Och med en budget.");
    await waitUntil(async () => (await storedText()).includes("budget."), "the store after", 15_000);
    expect(await mentionsOf(wang.id)).toHaveLength(1);
  }, 60_000);

  it("tells nobody of a mention of someone who is not a member, and keeps only members as told", async () => {
    typeMention(writer, outsider, "Enligt ", " på regionen.");
    await waitUntil(async () => (await storedText()).includes("@Nils Utanför"), "the text with the outsider's mention", 15_000);
    await staysFalse(async () => (await mentionsOf(outsider.id)).length > 0, "the outsider was notified", 1500);
    const text = await app.database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "sv" } } });
    expect(text.mentions).toEqual([wang.id]);
    expect(mentionedIds(text.json)).toEqual([wang.id, outsider.id]);
  }, 30_000);

  it("a mention removed and written again tells again; one written by the person themselves tells nobody", async () => {
    const fragment = writer.doc.getXmlFragment(TIPTAP_FIELD);
    const withWang = fragment.toArray().findIndex((block) => block instanceof Y.XmlElement && block.toString().includes(wang.id));
    fragment.delete(withWang, 1);
    await waitUntil(async () => !(await storedText()).includes("@王芳 Wang Fang"), "the text without the mention", 15_000);
    expect((await app.database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "sv" } } })).mentions).toEqual([]);
    typeMention(writer, wang, "", " läser igenom avsnittet.");
    await waitUntil(async () => (await mentionsOf(wang.id)).length === 2, "the second notification", 15_000);

    // Karin mentions herself: she wrote it, nobody is told.
    const karin = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" }, select: { id: true, name: true } });
    typeMention(writer, karin, "Samordnare: ", ".");
    await waitUntil(async () => (await storedText()).includes("@Karin Berg"), "the text with Karin's own mention", 15_000);
    expect(await mentionsOf(karin.id)).toHaveLength(0);
  }, 30_000);

  it("keeps the mention in the stored JSON, plain text, search, print, machine-draft pieces and the .docx export", async () => {
    const stored = await app.database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "sv" } } });
    const json = normaliseDocument(stored.json as object);
    expect(mentionedIds(json)).toContain(wang.id);
    expect(jsonToText(json)).toContain("@王芳 Wang Fang läser igenom avsnittet.");
    expect(stored.text).toContain("@王芳 Wang Fang läser igenom avsnittet.");
    expect(jsonToHtml(json)).toMatch(new RegExp(`<span[^>]*data-type="mention"[^>]*data-id="${wang.id}"[^>]*>@王芳 Wang Fang</span>`));
    // A machine draft gets the mention as text (a draft read back does not notify again).
    expect(draftPieces(json).pieces.some((piece) => piece.includes("@王芳 Wang Fang"))).toBe(true);

    await reindex("plan_section", sectionId);
    const karin = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    const hits = await search({ projectId, userId: karin.id, role: "project_group", query: "Wang Fang" });
    expect(hits.map((hit) => hit.entityId)).toContain(sectionId);

    const client = new TestClient(app.url);
    await client.signIn("karin@vasteras.example");
    const print = await client.get(`/projects/${projectId}/plan/print?lang=sv&sections=${sectionId}`);
    expect(print.status).toBe(200);
    expect(await print.text()).toContain("@王芳 Wang Fang");
    const exported = await client.get(`/projects/${projectId}/plan/export?lang=sv&sections=${sectionId}`);
    expect(exported.status).toBe(200);
    const xml = unzip(Buffer.from(await exported.arrayBuffer())).get("word/document.xml")!.toString("utf8");
    expect(documentText(xml)).toContain("@王芳 Wang Fang läser igenom avsnittet.");
  }, 30_000);
});
