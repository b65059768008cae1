// "Fill with machine draft" in a translation column (decision 022): a machine draft of a plan
// section, minutes or a finding from the configured provider (here a local stand-in that answers as
// LibreTranslate's published API does), made from the stored source for a member who may write the
// translation; the translation is then marked as machine-made and never up to date until confirmed.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { JSONContent } from "@tiptap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, parseConfig, setConfig } from "~/config.server";
import { jsonToText } from "~/editor/content.server";
import type { Lang } from "~/i18n/languages";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

let app: TestApp;
let provider: StandIn;
let projectId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const WANG = "wang.fang@jinan.example";
const ZHANG = "zhang.min@jinan.example";
const KARIN = "karin@vasteras.example";
const messages = (lang: Lang, ns: string): unknown => JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, "utf8"));
const errors = (lang: Lang) => messages(lang, "errors") as Record<string, string>;
const draftWords = (lang: Lang) => (messages(lang, "plan") as { editor: { machineDraft: Record<string, string> } }).editor.machineDraft;

type Owner = { sectionId: string } | { agendaItemId: string } | { findingId: string };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const text = (words: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: words, ...(marks ? { marks } : {}) });

/** Writes a text as the collaboration server stores what an editor typed (its JSON, text and hash). */
async function storeText(owner: Owner, lang: Lang, json: JSONContent) {
  const plain = jsonToText(json);
  const fields = { json, text: plain, textHash: createHash("sha256").update(plain).digest("hex") };
  const where = { ...owner, lang };
  const existing = await app.database.prisma.richText.findFirst({ where, select: { id: true } });
  if (existing) await app.database.prisma.richText.update({ where: { id: existing.id }, data: fields });
  else await app.database.prisma.richText.create({ data: { ...owner, lang, ydoc: new Uint8Array([0, 0]), ...fields } });
}
const stored = (owner: Owner, lang: Lang) => app.database.prisma.richText.findFirst({ where: { ...owner, lang } });
const draft = (email: string, fields: Record<string, string>) => as(email).post(`/projects/${projectId}/machine-draft`, { intent: "draft", ...fields });
const applied = (email: string, fields: Record<string, string>) => as(email).post(`/projects/${projectId}/machine-draft`, { intent: "applied", ...fields });
const translateRequests = () => provider.requests.filter((request) => request.path === "/translate");
const auditCount = () => app.database.prisma.auditEvent.count({ where: { NOT: { action: "auth.sign_in" } } });

let activities: string;

beforeAll(async () => {
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url } });
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  activities = (await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "activities" } })).id;
  for (const email of [WANG, ZHANG, KARIN, "li.wei@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

describe("a machine draft in the rich-text editor", () => {
  it("drafts a plan section into Chinese with its headings, lists, marks and glossary terms; marked machine-made until Wang confirms it", async () => {
    const owner = { sectionId: activities };
    // The Swedish source: the demo's heading and list, and a paragraph with two glossary terms, one in bold.
    const source = (await stored(owner, "sv"))!.json as JSONContent;
    await storeText(owner, "sv", {
      ...source,
      content: [...source.content!, paragraph(text("Västerås "), text("kontaktcenter", [{ type: "bold" }]), text(" och Jinans Hotline 12345 delar erfarenheter."))],
    });
    const page = `/projects/${projectId}/plan/${activities}?left=zh&right=sv`;
    const before = await (await as(WANG).get(page)).text();
    expect(before).toContain(draftWords("zh").fill);
    expect(before).not.toContain(draftWords("zh").mark);
    const audits = await auditCount();

    const response = await draft(WANG, { kind: "section", id: activities, lang: "zh" });
    expect(response.status).toBe(200);
    const { html, draft: document } = (await response.json()) as { html: string; draft: JSONContent };
    expect(html).toContain("<h2>〈zh〉Utbytesbesök</h2>");
    expect(html).toMatch(/<ul><li><p>〈zh〉Åtta tjänstepersoner från Jinan besöker Västerås i en vecka\.<\/p><\/li><li><p>〈zh〉Åtta personer/);
    // The glossary's Chinese terms, in their places, the bold one still bold; no placeholder left.
    expect(html).toMatch(/<strong>(〈zh〉)?联络中心<\/strong>/);
    expect(html).toContain("12345热线");
    expect(html).not.toMatch(/\[ ?T\d/);
    expect(document.content?.map((node) => node.type)).toEqual(["heading", "bulletList", "paragraph"]);
    // The provider got the pieces as HTML, from Swedish to Chinese, and nothing else.
    const sent = translateRequests().at(-1)!.body as { q: string[]; source: string; target: string; format: string };
    expect(sent).toMatchObject({ source: "sv", target: "zh-Hans", format: "html" });
    expect(sent.q).toHaveLength(4);
    expect(provider.violations).toEqual([]);
    // Asking for a draft changes nothing: the editor puts it in.
    expect((await stored(owner, "zh"))?.text ?? "").toBe("");
    expect(await auditCount()).toBe(audits);

    // The editor put it in and says so: the translation is machine-made, its confirmation gone.
    expect((await applied(WANG, { kind: "section", id: activities, lang: "zh" })).status).toBe(200);
    await storeText(owner, "zh", document);
    const marked = (await stored(owner, "zh"))!;
    const wang = await app.database.prisma.user.findUniqueOrThrow({ where: { email: WANG } });
    expect(marked.machineDraftAt).not.toBeNull();
    expect(marked.machineDraftById).toBe(wang.id);
    expect(marked.confirmedSourceHash).toBeNull();
    expect(await app.database.prisma.auditEvent.count({ where: { action: "plan_text.machine_draft", entityId: activities, actorId: wang.id } })).toBe(1);
    const after = await (await as(WANG).get(page)).text();
    expect(after).toContain(draftWords("zh").mark);
    expect(after).toContain("translation-needs_update");
    expect(after).not.toContain("translation-up_to_date");

    // Wang checks and confirms it: up to date, the mark gone.
    expect((await as(WANG).post(`/projects/${projectId}/plan/${activities}`, { intent: "confirm", lang: "zh" })).status).toBeLessThan(400);
    expect((await stored(owner, "zh"))!.machineDraftAt).toBeNull();
    const confirmed = await (await as(WANG).get(page)).text();
    expect(confirmed).not.toContain(draftWords("zh").mark);
    expect(confirmed).toContain("translation-up_to_date");
    expect(confirmed).not.toContain(draftWords("zh").fill);
  });

  it("keeps a translation's text as a version before a draft replaces it", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "background" } });
    const owner = { sectionId: section.id };
    await storeText(owner, "zh", { type: "doc", content: [paragraph(text("王芳刚写的一句话，还没有进入任何版本。"))] });
    const zh = (await stored(owner, "zh"))!;
    const response = await draft(WANG, { kind: "section", id: section.id, lang: "zh" });
    expect(response.status).toBe(200);
    const newest = await app.database.prisma.textVersion.findFirstOrThrow({ where: { textId: zh.id }, orderBy: { createdAt: "desc" } });
    expect(newest.text).toBe("王芳刚写的一句话，还没有进入任何版本。");
    // Asked again, the same text is not kept twice.
    const versions = await app.database.prisma.textVersion.count({ where: { textId: zh.id } });
    expect((await draft(WANG, { kind: "section", id: section.id, lang: "zh" })).status).toBe(200);
    expect(await app.database.prisma.textVersion.count({ where: { textId: zh.id } })).toBe(versions);
  });

  it("drafts minutes for a delegate of the visit, and refuses one who is not in its delegation", async () => {
    const prisma = app.database.prisma;
    const zhang = await prisma.user.findUniqueOrThrow({ where: { email: ZHANG } });
    const own = await prisma.agendaItem.findFirstOrThrow({ where: { visit: { projectId, participants: { some: { userId: zhang.id } } } }, orderBy: { startsAt: "asc" } });
    const other = await prisma.agendaItem.findFirstOrThrow({ where: { visit: { projectId, participants: { none: { userId: zhang.id } } } }, orderBy: { startsAt: "asc" } });
    for (const item of [own, other]) {
      await prisma.agendaItem.update({ where: { id: item.id }, data: { minutesLang: "sv" } });
      await storeText({ agendaItemId: item.id }, "sv", { type: "doc", content: [paragraph(text("Besöket började med en rundtur i kontaktcentret."))] });
    }
    const response = await draft(ZHANG, { kind: "minutes", id: own.id, lang: "zh" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { html: string }).html).toContain("〈zh〉Besöket började");
    expect((await applied(ZHANG, { kind: "minutes", id: own.id, lang: "zh" })).status).toBe(200);
    expect((await stored({ agendaItemId: own.id }, "zh"))!.machineDraftAt).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "minutes.machine_draft", entityId: own.id } })).toBe(1);

    const sent = translateRequests().length;
    expect((await draft(ZHANG, { kind: "minutes", id: other.id, lang: "zh" })).status).toBe(403);
    expect((await applied(ZHANG, { kind: "minutes", id: other.id, lang: "zh" })).status).toBe(403);
    expect(translateRequests().length).toBe(sent);
    expect((await stored({ agendaItemId: other.id }, "zh"))?.machineDraftAt ?? null).toBeNull();
  });

  it("drafts a finding for those who edit it; to everyone else it is refused, and a draft finding they may not read is not there", async () => {
    const prisma = app.database.prisma;
    const finding = await prisma.finding.findFirstOrThrow({ where: { projectId, state: "shared" }, orderBy: { createdAt: "asc" } });
    const from = finding.sourceLang;
    const to: Lang = from === "zh" ? "sv" : "zh";
    await storeText({ findingId: finding.id }, from, { type: "doc", content: [paragraph(text(from === "zh" ? "热线把意见转给主管部门。" : "Kontaktcentret lotsar vidare."))] });
    const response = await draft(KARIN, { kind: "finding", id: finding.id, lang: to });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { html: string }).html).toContain(`〈${to}〉`);

    const sent = translateRequests().length;
    const audits = await auditCount();
    // Li Wei (steering group) reads it but may not edit it; the viewer neither.
    for (const email of ["li.wei@jinan.example", "viewer@vasteras.example"]) {
      const refused = await draft(email, { kind: "finding", id: finding.id, lang: to });
      expect(refused.status, email).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toBe(errors(email === "viewer@vasteras.example" ? "en" : "zh").forbidden);
      expect((await applied(email, { kind: "finding", id: finding.id, lang: to })).status, email).toBe(403);
    }
    await prisma.finding.update({ where: { id: finding.id }, data: { state: "draft", authorId: null } });
    try {
      expect((await draft(ZHANG, { kind: "finding", id: finding.id, lang: to })).status).toBe(404);
    } finally {
      await prisma.finding.update({ where: { id: finding.id }, data: { state: finding.state, authorId: finding.authorId } });
    }
    expect(translateRequests().length).toBe(sent);
    expect(await auditCount()).toBe(audits);
    expect((await stored({ findingId: finding.id }, to))?.machineDraftAt ?? null).toBeNull();
  });

  it("refuses a viewer and a delegate on the plan, the source itself, and what is no request, without asking the provider", async () => {
    const sent = provider.requests.length;
    const audits = await auditCount();
    const section = { kind: "section", id: activities, lang: "en" };
    expect((await draft("viewer@vasteras.example", section)).status).toBe(403);
    expect((await draft(ZHANG, section)).status).toBe(403);
    expect((await applied(ZHANG, section)).status).toBe(403);
    const source = await draft(WANG, { ...section, lang: "sv" });
    expect(source.status).toBe(400);
    expect(((await source.json()) as { message: string }).message).toBe(errors("zh").draftOfSource);
    expect((await draft(WANG, { ...section, id: "no-such-section" })).status).toBe(404);
    expect((await draft(WANG, { ...section, kind: "budget" })).status).toBe(400);
    expect((await draft(WANG, { ...section, lang: "de" })).status).toBe(400);
    expect((await as(WANG).post(`/projects/${projectId}/machine-draft`, { ...section, intent: "publish" })).status).toBe(400);
    expect(provider.requests.length).toBe(sent);
    expect(await auditCount()).toBe(audits);
  });

  it("says so in the reader's language when the provider is down, and changes nothing", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const owner = { sectionId: section.id };
    const zh = await stored(owner, "zh");
    const versions = await app.database.prisma.textVersion.count();
    const audits = await auditCount();
    const configured = config();
    setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: configured.DATA_DIR, SESSION_SECRET: "test-secret-".padEnd(40, "x"), TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: "http://127.0.0.1:9" }));
    try {
      const response = await draft(WANG, { kind: "section", id: section.id, lang: "zh" });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { message: string }).message).toBe(errors("zh").translationUnavailable);
    } finally {
      setConfig(configured);
    }
    expect(await stored(owner, "zh")).toEqual(zh);
    expect(await app.database.prisma.textVersion.count()).toBe(versions);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses a 100 000-character source with a message, before the provider is asked", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const owner = { sectionId: section.id };
    const source = (await stored(owner, "sv"))!.json as JSONContent;
    const long = "Invånarna ringer kontaktcenter. ".repeat(3_125);
    expect(long.length).toBe(100_000);
    await storeText(owner, "sv", { type: "doc", content: [paragraph(text(long))] });
    const sent = provider.requests.length;
    try {
      const response = await draft(KARIN, { kind: "section", id: section.id, lang: "zh" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(errors("sv").translationTooLong);
      expect(provider.requests.length).toBe(sent);
    } finally {
      await storeText(owner, "sv", source);
    }
  });

  it("refuses an empty source", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const owner = { sectionId: section.id };
    const source = (await stored(owner, "sv"))!.json as JSONContent;
    await storeText(owner, "sv", { type: "doc", content: [{ type: "paragraph" }] });
    try {
      const response = await draft(KARIN, { kind: "section", id: section.id, lang: "en" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(errors("sv").draftSourceEmpty);
    } finally {
      await storeText(owner, "sv", source);
    }
  });

  it("offers no button and refuses drafts when no provider is configured", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const configured = config();
    setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: configured.DATA_DIR, SESSION_SECRET: "test-secret-".padEnd(40, "x") }));
    try {
      // English is missing in this section: the button would be offered with a provider.
      const page = await (await as(WANG).get(`/projects/${projectId}/plan/${section.id}?left=en&right=sv`)).text();
      expect(page).toContain("translation-missing");
      expect(page).not.toContain(draftWords("zh").fill);
      for (const send of [draft, applied]) {
        const response = await send(WANG, { kind: "section", id: section.id, lang: "en" });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { message: string }).message).toBe(errors("zh").translationNotConfigured);
      }
      expect((await stored({ sectionId: section.id }, "en"))?.machineDraftAt ?? null).toBeNull();
    } finally {
      setConfig(configured);
    }
    const page = await (await as(WANG).get(`/projects/${projectId}/plan/${section.id}?left=en&right=sv`)).text();
    expect(page).toContain(draftWords("zh").fill);
  });
});
