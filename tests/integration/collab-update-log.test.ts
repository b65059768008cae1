import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendUpdate } from "~/collab/update-log.server";
import { TIPTAP_FIELD } from "~/editor/extensions";
import { search } from "~/search/search.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { openSynced, planDoc, waitUntil, type CollabApp, type CollabClient, startCollabApp } from "../support/collab";

// A shared text is kept as its stored state plus a log of the updates typed since (decision 010):
// nothing typed is lost when a process ends before the log is folded in, and what derives from the
// text (search, history) follows typing within moments.

let app: CollabApp;
let projectId: string;
let karinId: string;
const clients: CollabClient[] = [];
const karin = "karin@vasteras.example";

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 100 });
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  karinId = (await app.database.prisma.user.findFirstOrThrow({ where: { email: karin } })).id;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await app?.close();
});

async function open(documentName: string) {
  const client = await openSynced(app.url, documentName, await app.sessionCookie(karin));
  clients.push(client);
  return client;
}

async function section(kind: string) {
  return app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind } });
}

const stored = (sectionId: string) => app.database.prisma.richText.findUnique({ where: { sectionId_lang: { sectionId, lang: "sv" } } });
const logged = (documentName: string) => app.database.prisma.collabUpdate.count({ where: { documentName } });

describe("a shared text kept as a log of updates", () => {
  it("writes the whole state and empties the log when the last editor leaves", async () => {
    const { id } = await section("sustainability");
    const name = planDoc(id, "sv");
    const editor = await open(name);
    editor.type("Hållbarhet: kontaktcentret drivs vidare av kommunen");
    await waitUntil(async () => (await stored(id))?.text.includes("drivs vidare") ?? false, "the text to be derived");
    editor.destroy();
    await waitUntil(async () => (await logged(name)) === 0, "the log to be folded in");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array((await stored(id))!.ydoc));
    expect(doc.getXmlFragment(TIPTAP_FIELD).toString()).toContain("drivs vidare av kommunen");
  });

  it("loses nothing logged by a process that ended before folding it in", async () => {
    const { id } = await section("targetGroups");
    const name = planDoc(id, "sv");
    const first = await open(name);
    first.type("Målgrupp: invånare som ringer");
    await waitUntil(async () => (await stored(id))?.text.includes("ringer") ?? false, "the first text to be stored");
    first.destroy();
    await waitUntil(async () => (await logged(name)) === 0, "the text to be unloaded");

    // What a process had logged when it ended: an edit on top of the stored state, never derived.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array((await stored(id))!.ydoc));
    const before = Y.encodeStateVector(doc);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Skrivet strax före kraschen")]);
    doc.getXmlFragment(TIPTAP_FIELD).push([paragraph]);
    await appendUpdate(name, Y.encodeStateAsUpdate(doc, before));

    const reader = await open(name);
    expect(reader.text()).toContain("Skrivet strax före kraschen");
    expect(reader.text()).toContain("Målgrupp: invånare som ringer");
    // Derived again once loaded: the page, the export and search see it too.
    await waitUntil(async () => (await stored(id))?.text.includes("strax före kraschen") ?? false, "the logged edit to be derived");
  });

  it("lets search and the history follow what is typed", async () => {
    const { id } = await section("expectedResults");
    const editor = await open(planDoc(id, "sv"));
    editor.type("Resultat: svarstiden halveras i kontaktcentret genom återkopplingsrutiner");
    const found = async () =>
      (await search({ projectId, userId: karinId, role: "project_group", query: "återkopplingsrutiner" })).some((hit) => hit.entityId === id);
    await waitUntil(found, "search to find the typed word", 15_000);
    const versions = await app.database.prisma.textVersion.findMany({ where: { richText: { sectionId: id, lang: "sv" }, kind: "auto" } });
    expect(versions.some((version) => version.text.includes("återkopplingsrutiner"))).toBe(true);
  });
});
