import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Lang } from "~/i18n/languages";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { WebSocket } from "ws";
import {
  collabUrl,
  connectCollab,
  openSynced,
  planDoc,
  startCollabApp,
  staysFalse,
  waitUntil,
  type CollabApp,
  type CollabClient,
} from "../support/collab";

// The real-time collaboration server (/collab on the app's port): editors converge, text survives a
// restart and an outage, only members connect, read-only roles cannot change anything, and with
// Redis two processes share each document.
const REDIS_URL = "redis://127.0.0.1:6379";

let app: CollabApp;
const sections = new Map<string, string>();
const cookies = new Map<string, string>();
const clients: CollabClient[] = [];

const karin = "karin@vasteras.example";
const wang = "wang.fang@jinan.example";

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 200 });
  const prisma = app.database.prisma;
  for (const title of [PRE_STUDY_TITLE, EARLIER_PROJECT_TITLE]) {
    const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: title } }, include: { planSections: true } });
    for (const section of project.planSections) sections.set(`${title === PRE_STUDY_TITLE ? "pre" : "earlier"}.${section.kind}`, section.id);
  }
  for (const email of [karin, wang, "owner@vasteras.example", "erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    cookies.set(email, await app.sessionCookie(email));
  }
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await app?.close();
});

const sectionId = (key: string) => sections.get(key) ?? expect.fail(`no section ${key}`);
const cookie = (email: string) => cookies.get(email) ?? expect.fail(`no cookie for ${email}`);

/** A synced client, destroyed after the test. */
async function open(email: string, documentName: string, url = app.url) {
  const client = await openSynced(url, documentName, cookie(email));
  clients.push(client);
  return client;
}

function planText(key: string, lang: Lang) {
  return app.database.prisma.richText.findUnique({ where: { sectionId_lang: { sectionId: sectionId(key), lang } } });
}

async function waitForStoredText(key: string, lang: Lang, words: string) {
  await waitUntil(async () => (await planText(key, lang))?.text.includes(words) ?? false, `"${words}" in PlanText ${key}/${lang}`);
}

describe("collaboration", () => {
  it("two editors on the same text see each other's typing", async () => {
    const documentName = planDoc(sectionId("pre.background"), "sv");
    const a = await open(karin, documentName);
    const b = await open(wang, documentName);
    // Both start from the demo's Swedish background text.
    expect(a.text()).toContain("kontaktcenter");
    expect(b.text()).toBe(a.text());
    expect(a.provider.authorizedScope).toBe("read-write");

    a.type("Karin: invånarna ringer 0221-123 45");
    b.type("王芳: 济南热线 12345");
    await waitUntil(() => b.text().includes("Karin: invånarna ringer 0221-123 45"), "Wang Fang to see Karin's words", 2000);
    await waitUntil(() => a.text().includes("王芳: 济南热线 12345"), "Karin to see Wang Fang's words", 2000);
    await waitUntil(() => a.text() === b.text(), "both texts to be equal", 2000);
  });

  it("keeps the text through a restart: in PlanText (state, JSON, plain text) and for a new client", async () => {
    const documentName = planDoc(sectionId("pre.problemAndGoals"), "en");
    expect(await planText("pre.problemAndGoals", "en")).toBeNull();
    const a = await open(karin, documentName);
    a.type("Goal: answer residents within one day");
    await waitUntil(() => !a.provider.hasUnsyncedChanges, "the server to acknowledge the edit");

    // Closed within the 200 ms debounce: close() itself must write the pending store.
    await app.stop();
    const stored = await planText("pre.problemAndGoals", "en");
    expect(stored?.text).toContain("Goal: answer residents within one day");
    expect(JSON.stringify(stored?.json)).toContain("Goal: answer residents within one day");
    expect(stored?.ydoc.length).toBeGreaterThan(0);
    a.destroy();

    await app.start();
    const fresh = await open(wang, documentName);
    expect(fresh.text()).toBe("Goal: answer residents within one day");
  });

  it("merges an edit typed while the server is down once it is back on the same port", async () => {
    const documentName = planDoc(sectionId("pre.targetGroups"), "sv");
    const a = await open(karin, documentName);
    a.type("Skrivet före avbrottet");
    await waitForStoredText("pre.targetGroups", "sv", "Skrivet före avbrottet");

    await app.stop();
    await waitUntil(() => !a.connected(), "the client to notice the outage");
    a.type("Skrivet under avbrottet");
    // Still offline: the provider is retrying against a closed port.
    await staysFalse(() => a.connected(), "the client connected while the server is down", 300);

    await app.start();
    await waitUntil(() => a.provider.isSynced && !a.provider.hasUnsyncedChanges, "the client to reconnect and sync", 5000);
    await waitForStoredText("pre.targetGroups", "sv", "Skrivet under avbrottet");
    const stored = await planText("pre.targetGroups", "sv");
    expect(stored?.text).toBe("Skrivet före avbrottet\nSkrivet under avbrottet");

    const b = await open(wang, documentName);
    expect(b.text()).toBe("Skrivet före avbrottet\nSkrivet under avbrottet");
  });
});

describe("who may open a text", () => {
  it.each([
    ["without a session cookie", undefined],
    ["with a forged session cookie", "__session=eyJ1c2VySWQiOiJvd25lciJ9.forged"],
  ])("refuses a connection %s", async (_, forgedCookie) => {
    const client = connectCollab(app.url, planDoc(sectionId("pre.background"), "sv"), { cookie: forgedCookie });
    clients.push(client);
    await waitUntil(() => client.authenticationFailures.length > 0, "authenticationFailed");
    expect(client.provider.isSynced).toBe(false);
    expect(client.provider.isAuthenticated).toBe(false);
    expect(client.text()).toBe("");
  });

  it("refuses a member of another project only", async () => {
    // Karin is in the pre-study, not in the earlier project.
    const client = connectCollab(app.url, planDoc(sectionId("earlier.background"), "sv"), { cookie: cookie(karin) });
    clients.push(client);
    await waitUntil(() => client.authenticationFailures.length > 0, "authenticationFailed");
    expect(client.provider.isSynced).toBe(false);
    expect(client.text()).toBe("");
    // The same person on her own project is let in.
    await open(karin, planDoc(sectionId("pre.background"), "sv"));
  });

  it("refuses a socket opened by a page of another site, even with the reader's cookie", async () => {
    const answer = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(collabUrl(app.url), { headers: { origin, cookie: `__session=${cookie(karin)}` } });
        socket.on("unexpected-response", (_request, response) => {
          resolve(response.statusCode ?? 0);
          socket.terminate();
        });
        socket.on("open", () => {
          resolve(101);
          socket.close();
        });
        socket.on("error", reject);
      });
    expect(await answer("https://evil.example")).toBe(403);
    expect(await answer(app.url)).toBe(101);
  });

  it("refuses a document name that is not a plan text", async () => {
    const client = connectCollab(app.url, `plan.${sectionId("pre.background")}.de`, { cookie: cookie("owner@vasteras.example") });
    clients.push(client);
    await waitUntil(() => client.authenticationFailures.length > 0, "authenticationFailed");
  });

  it.each(["erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"])(
    "lets %s read but drops what that connection sends",
    async (reader) => {
      const key = "pre.activities";
      const documentName = planDoc(sectionId(key), "zh");
      const editor = await open(karin, documentName);
      const otherEditor = await open(wang, documentName);
      const readOnly = await open(reader, documentName);
      expect(readOnly.provider.authorizedScope).toBe("readonly");
      expect(editor.provider.authorizedScope).toBe("read-write");

      const forged = `forged by ${reader}`;
      readOnly.type(forged);
      await waitUntil(() => readOnly.refusedUpdates > 0, "the server to refuse the read-only update");

      // An editor's edit, made after the forged one, goes everywhere, the reader included…
      const edited = `edited by Karin for ${reader}`;
      editor.type(edited);
      await waitUntil(() => otherEditor.text().includes(edited) && readOnly.text().includes(edited), "the edit to reach both");
      await waitForStoredText(key, "zh", edited);

      // …while the forged one reached neither the other clients nor the database.
      expect(editor.text()).not.toContain(forged);
      expect(otherEditor.text()).not.toContain(forged);
      const stored = await planText(key, "zh");
      expect(stored?.text).not.toContain(forged);
      expect(JSON.stringify(stored?.json)).not.toContain(forged);

      // Nor when the reader reconnects and offers its diverged document in the sync handshake.
      const refusedBefore = readOnly.refusedUpdates;
      readOnly.socket.disconnect();
      await waitUntil(() => !readOnly.connected(), "the reader to disconnect");
      void readOnly.socket.connect();
      await waitUntil(() => readOnly.provider.isSynced && readOnly.refusedUpdates > refusedBefore, "the reader to resync and be refused");
      const late = await open(wang, documentName);
      expect(late.text()).toContain(edited);
      expect(late.text()).not.toContain(forged);
      expect((await planText(key, "zh"))?.text).not.toContain(forged);
    },
  );
});

describe("several server processes", () => {
  it("without Redis, two servers do not share edits (the control for the next test)", async () => {
    const documentName = planDoc(sectionId("pre.sustainability"), "sv");
    const first = await app.listenAnother();
    const second = await app.listenAnother();
    try {
      const a = await open(karin, documentName, first.url);
      const b = await open(wang, documentName, second.url);
      a.type("Bara på första servern");
      await waitUntil(() => !a.provider.hasUnsyncedChanges, "the first server to acknowledge the edit");
      await staysFalse(() => b.text().includes("Bara på första servern"), "the edit crossed servers without Redis", 1000);
    } finally {
      for (const client of clients.splice(0)) client.destroy();
      await first.close();
      await second.close();
    }
  });

  it("with Redis, clients on two servers converge", async () => {
    const documentName = planDoc(sectionId("pre.risks"), "sv");
    const first = await app.listenAnother({ redisUrl: REDIS_URL });
    const second = await app.listenAnother({ redisUrl: REDIS_URL });
    try {
      const a = await open(karin, documentName, first.url);
      const b = await open(wang, documentName, second.url);
      a.type("Risk: personalomsättning i kontaktcentret");
      b.type("风险：热线人员流动");
      await waitUntil(() => b.text().includes("Risk: personalomsättning i kontaktcentret"), "the second server's client to see the first's edit", 2000);
      await waitUntil(() => a.text().includes("风险：热线人员流动"), "the first server's client to see the second's edit", 2000);
      await waitUntil(() => a.text() === b.text(), "both texts to be equal", 2000);
      await waitForStoredText("pre.risks", "sv", "风险：热线人员流动");
      const stored = await planText("pre.risks", "sv");
      expect(stored?.text).toContain("Risk: personalomsättning i kontaktcentret");
    } finally {
      for (const client of clients.splice(0)) client.destroy();
      await first.close();
      await second.close();
    }
  });
});
