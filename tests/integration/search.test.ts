import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { jsonToText } from "~/editor/content.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import { removeSection, storeText } from "~/plan/plan.server";
import { reindex, reindexProject, search, type SearchHit } from "~/search/search.server";
import { DEMO_PASSWORD, EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, TestClient } from "../support/client";

let app: TestApp;
let preStudyId: string;
let earlierId: string;
const users = new Map<string, { id: string; role: ProjectRole }>();
const ids: Record<string, string> = {};

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const zhPlanText = "济南市人民政府开通市民热线，开展公民对话。";

function find(email: string, query: string, projectId = preStudyId): Promise<SearchHit[]> {
  const user = users.get(email)!;
  return search({ projectId, userId: user.id, role: user.role, query });
}

/** Waits until the job runner has indexed this body (a stored text is indexed after its store returns). */
async function indexedBody(kind: string, entityId: string, lang: string, body: string | null) {
  await vi.waitFor(
    async () => {
      const entry = await app.database.prisma.searchEntry.findFirst({ where: { kind, entityId, lang: lang as "sv" } });
      expect(entry?.body ?? null).toBe(body);
    },
    { timeout: 10_000, interval: 50 },
  );
}

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  preStudyId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;

  // A second delegate, who did not write the draft below.
  const other = await prisma.user.create({
    data: { email: "delegate2@jinan.example", name: "另一位代表", passwordHash: await hashPassword(DEMO_PASSWORD), language: "zh" },
  });
  await prisma.membership.create({ data: { projectId: preStudyId, userId: other.id, role: "delegate" } });
  for (const membership of await prisma.membership.findMany({ where: { projectId: preStudyId }, include: { user: true } })) {
    users.set(membership.user.email, { id: membership.user.id, role: membership.role });
  }

  // Chinese plan text, written the way the collaboration server stores it.
  const risks = await prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "risks" } });
  ids.risks = risks.id;
  await storeText(risks.id, "zh", new Uint8Array([0, 0]), doc(zhPlanText), jsonToText(doc(zhPlanText)));
  // Indexed by the app's job runner, after the store.
  await indexedBody("plan_section", risks.id, "zh", zhPlanText);

  // Three inflected forms of one Swedish word, in three milestones.
  const milestone = (projectId: string, titles: Record<string, string>, descriptions: Record<string, string> = {}) =>
    prisma.milestone.create({ data: { projectId, titles, descriptions, originalLang: "sv", dueDate: new Date("2026-12-01") } });
  ids.dialog = (await milestone(preStudyId, { sv: "Skolorna, del ett" }, { sv: "En första dialog med skolorna." })).id;
  ids.dialogen = (await milestone(preStudyId, { sv: "Skolorna, del två" }, { sv: "Dialogen med skolorna fortsätter." })).id;
  ids.dialoger = (await milestone(preStudyId, { sv: "Skolorna, del tre" }, { sv: "Fler dialoger med skolorna." })).id;
  // A title match and a body that repeats the word: the title comes first.
  ids.body = (await milestone(preStudyId, { sv: "Annat arbete" }, { sv: "Kvartersbudget, kvartersbudget och åter kvartersbudget." })).id;
  ids.title = (await milestone(preStudyId, { sv: "Kvartersbudget" })).id;
  // The other project has the same words.
  ids.earlier = (await milestone(earlierId, { sv: "Dialog om 12345热线" }, { sv: "Kvartersbudget i förra projektet." })).id;

  // A draft finding by the delegate Zhang Min.
  const zhangMin = users.get("zhang.min@jinan.example")!;
  const draft = await prisma.finding.create({
    data: { projectId: preStudyId, titles: { zh: "热线回访机制草稿" }, originalLang: "zh", sourceLang: "zh", state: "draft", authorId: zhangMin.id },
  });
  ids.draft = draft.id;
  for (const key of ["dialog", "dialogen", "dialoger", "body", "title", "earlier"]) await reindex("milestone", ids[key]!);
  await reindex("finding", draft.id);
});

afterAll(async () => {
  await app?.close();
});

const entityIds = (hits: SearchHit[]) => hits.map((hit) => hit.entityId);

describe("search", () => {
  it.each(["热线", "市民", "对话", "政府"])("finds Chinese text by %s, a word inside longer words", async (query) => {
    const hits = await find("wang.fang@jinan.example", query);
    const hit = hits.find((candidate) => candidate.entityId === ids.risks && candidate.lang === "zh");
    expect(hit, query).toBeDefined();
    expect(hit!.kind).toBe("plan_section");
    expect(hit!.link).toBe(`/projects/${preStudyId}/plan/${ids.risks}?left=zh`);
    expect(hit!.snippetHtml).toContain(`<mark>${query}</mark>`);
  });

  it("finds a Swedish word in its inflected forms", async () => {
    for (const query of ["dialog", "dialogen", "dialoger"]) {
      const found = entityIds(await find("karin@vasteras.example", query));
      expect(found, query).toEqual(expect.arrayContaining([ids.dialog, ids.dialogen, ids.dialoger]));
    }
    const [hit] = (await find("karin@vasteras.example", "dialoger skolorna")).filter((candidate) => candidate.entityId === ids.dialogen);
    expect(hit?.snippetHtml).toBe("<mark>Dialogen</mark> med <mark>skolorna</mark> fortsätter.");
  });

  it("finds the parts of Swedish compounds, and marks the part that was found", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "targetGroups" } });
    const text = "Målgruppen är de invånare som deltar i en invånardialog. Kontaktcenterchefen leder arbetet.";
    await storeText(section.id, "sv", new Uint8Array([0, 0]), doc(text), jsonToText(doc(text)));
    await indexedBody("plan_section", section.id, "sv", text);
    const hit = async (query: string) => (await find("karin@vasteras.example", query)).find((candidate) => candidate.entityId === section.id);

    expect((await hit("dialog"))?.snippetHtml).toContain("en invånar<mark>dialog</mark>.");
    // Inflected, as the stemmer finds it: dialogen finds the compound, and the milestone's "dialog" still.
    expect(await hit("dialogen")).toBeDefined();
    expect(entityIds(await find("karin@vasteras.example", "dialogen"))).toContain(ids.dialog);
    expect((await hit("kontaktcenter"))?.snippetHtml).toContain("<mark>Kontaktcenterchefen</mark> leder");
    expect((await hit("chef"))?.snippetHtml).toContain("Kontaktcenter<mark>chefen</mark> leder");
    expect((await hit("center"))?.snippetHtml).toContain("Kontakt<mark>center</mark>chefen leder");
    // Nothing that only shares letters with a part: "logen" is no part of invånardialog.
    expect(await hit("logen")).toBeUndefined();
    // Chinese is searched as before: the section has no Chinese text.
    expect(await hit("对话")).toBeUndefined();
  });

  it("ranks a match in the title above matches in the text", async () => {
    const hits = (await find("karin@vasteras.example", "kvartersbudget")).filter((hit) => hit.kind === "milestone");
    expect(entityIds(hits)).toEqual([ids.title, ids.body]);
    expect(hits[0]!.inTitle).toBe(true);
    expect(hits[1]!.inTitle).toBe(false);
  });

  it("finds nothing of another project", async () => {
    for (const query of ["dialog", "kvartersbudget", "热线"]) {
      expect(entityIds(await find("erik@vasteras.example", query)), query).not.toContain(ids.earlier);
    }
    // Erik belongs to both: in the earlier project, that project's milestone.
    const erik = users.get("erik@vasteras.example")!;
    const earlier = await search({ projectId: earlierId, userId: erik.id, role: "steering_group", query: "kvartersbudget" });
    expect(entityIds(earlier)).toEqual([ids.earlier]);
  });

  it("answers 404 to a member of another project, 302 to login when signed out", async () => {
    const karin = await signedIn(app.url, "karin@vasteras.example");
    expect((await karin.get(`/projects/${earlierId}/search?q=dialog`)).status).toBe(404);
    const erik = await signedIn(app.url, "erik@vasteras.example");
    const page = await erik.get(`/projects/${earlierId}/search?q=dialog`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/projects/${earlierId}/milestones/${ids.earlier}`);
    const anonymous = await new TestClient(app.url).get(`/projects/${preStudyId}/search?q=dialog`);
    expect(anonymous.status).toBe(302);
  });

  it("shows a draft finding to its author, the owner and the project group only", async () => {
    const draftLink = `/projects/${preStudyId}/findings/${ids.draft}`;
    const sees = async (email: string) => {
      const client = await signedIn(app.url, email);
      const response = await client.get(`/projects/${preStudyId}/search?q=${encodeURIComponent("回访机制")}`);
      expect(response.status).toBe(200);
      return (await response.text()).includes(draftLink);
    };
    for (const email of ["zhang.min@jinan.example", "owner@vasteras.example", "karin@vasteras.example", "wang.fang@jinan.example"]) {
      expect(await sees(email), email).toBe(true);
    }
    for (const email of ["erik@vasteras.example", "li.wei@jinan.example", "viewer@vasteras.example", "delegate2@jinan.example"]) {
      expect(await sees(email), email).toBe(false);
    }
    // Shared, it is everyone's.
    await app.database.prisma.finding.update({ where: { id: ids.draft }, data: { state: "shared" } });
    await reindex("finding", ids.draft);
    expect(await sees("viewer@vasteras.example")).toBe(true);
  });

  it("renders results with kind, language, a marked snippet and a link", async () => {
    const client = await signedIn(app.url, "viewer@vasteras.example");
    const response = await client.get(`/projects/${preStudyId}/search?q=${encodeURIComponent("热线")}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/projects/${preStudyId}/plan/${ids.risks}?left=zh"`);
    expect(html).toContain("<mark>热线</mark>");
    expect(html).toContain("Plan section");
    expect(html).toContain("Chinese");
    // The header's search box, labelled for screen readers.
    expect(html).toMatch(/<form[^>]*role="search"[^>]*action="\/projects\/[^"]+\/search"|<form[^>]*action="\/projects\/[^"]+\/search"[^>]*role="search"/);
  });

  it("follows plan text typed in the editor, and a removed section leaves the index", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "sustainability" } });
    const text = "Hållbarheten säkras genom ett gemensamt kvalitetsråd.";
    expect(entityIds(await find("viewer@vasteras.example", "kvalitetsråden"))).not.toContain(section.id);
    await storeText(section.id, "sv", new Uint8Array([0, 0]), doc(text), jsonToText(doc(text)));
    await indexedBody("plan_section", section.id, "sv", text);
    expect(entityIds(await find("viewer@vasteras.example", "kvalitetsråden"))).toContain(section.id);
    // Emptied again: only the standard title remains searchable.
    await storeText(section.id, "sv", new Uint8Array([0, 0]), doc(""), "");
    await indexedBody("plan_section", section.id, "sv", "");
    expect(entityIds(await find("viewer@vasteras.example", "kvalitetsråden"))).not.toContain(section.id);
    expect(entityIds(await find("viewer@vasteras.example", "hållbarhet"))).toContain(section.id);
    await removeSection(users.get("karin@vasteras.example")!.id, preStudyId, section.id);
    expect(entityIds(await find("viewer@vasteras.example", "hållbarhet"))).not.toContain(section.id);
  });

  it("gives an ordinary answer to a very long query, to punctuation and to SQL", async () => {
    const client = await signedIn(app.url, "viewer@vasteras.example");
    // 2 000 Chinese characters are 18 kB in an address: the server takes headers up to 64 kB.
    const queries = ["dialog ".repeat(300).slice(0, 2000), "热线".repeat(500), "市民对话".repeat(500), "!!! ??? … —— 。，、 ''' \"\" ::: &&& ||| <-> ()", `'; DROP TABLE "User"; --`, "x' OR '1'='1", "\u0000\u200b"];
    for (const query of queries) {
      const response = await client.get(`/projects/${preStudyId}/search?q=${encodeURIComponent(query)}`);
      expect(response.status, query.slice(0, 40)).toBe(200);
      await response.text();
    }
    expect(await find("viewer@vasteras.example", "!!! ??? …")).toEqual([]);
    // No text holds 热线热线…: the query's pairs (线热 among them) are all required.
    expect(await find("viewer@vasteras.example", "热线".repeat(1000))).toEqual([]);
    expect(await app.database.prisma.user.count()).toBeGreaterThan(0);
    const empty = await client.get(`/projects/${preStudyId}/search`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("Search the plan");
  });

  it("finds visits, programme items, minutes and comments, and forgets them when they go", async () => {
    const prisma = app.database.prisma;
    const hits = await find("viewer@vasteras.example", "热线数据");
    const minutes = hits.find((hit) => hit.kind === "minutes");
    expect(minutes?.lang).toBe("zh");
    expect(minutes?.link).toMatch(new RegExp(`^/projects/${preStudyId}/visits/[^/]+/items/${minutes?.entityId}$`));
    expect(minutes?.snippetHtml).toContain("<mark>热线数据</mark>");
    const item = (await find("viewer@vasteras.example", "Bäckby")).find((hit) => hit.kind === "agenda_item");
    expect(item?.inTitle).toBe(true);
    expect((await find("viewer@vasteras.example", "代表团访问济南")).map((hit) => hit.kind)).toContain("visit");

    const karin = users.get("karin@vasteras.example")!;
    const comment = await prisma.comment.create({
      data: { projectId: preStudyId, sectionId: ids.risks!, lang: "sv", authorId: karin.id, body: { sv: "Glöm inte tolkarna vid studiebesöken." }, bodyLang: "sv" },
    });
    await reindex("comment", comment.id);
    const [found] = await find("viewer@vasteras.example", "tolkar");
    expect(found).toMatchObject({ kind: "comment", entityId: comment.id, title: "Risker", link: `/projects/${preStudyId}/plan/${ids.risks}?left=sv` });

    // A visit deleted with its programme takes their entries along.
    const visitId = (await prisma.agendaItem.findUniqueOrThrow({ where: { id: minutes!.entityId } })).visitId;
    await prisma.visit.delete({ where: { id: visitId } });
    await reindex("visit", visitId);
    expect((await find("viewer@vasteras.example", "热线数据")).map((hit) => hit.kind)).not.toContain("minutes");
    expect(await prisma.searchEntry.count({ where: { link: { contains: visitId } } })).toBe(0);
  });

  it("shows many results fifty at a time, and every one of them once", async () => {
    const prisma = app.database.prisma;
    const created = [];
    for (let index = 1; index <= 60; index++) {
      const row = await prisma.milestone.create({ data: { projectId: preStudyId, titles: { sv: `Gatubelysning etapp ${index}` }, descriptions: {}, originalLang: "sv", dueDate: new Date("2027-01-01") } });
      await reindex("milestone", row.id);
      created.push(row.id);
    }
    // The viewer reads in English.
    const client = await signedIn(app.url, "viewer@vasteras.example");
    const page = async (query: string) => {
      const html = await (await client.get(`/projects/${preStudyId}/search?${query}`)).text();
      return { html, links: [...html.matchAll(/href="[^"]*\/milestones\/([a-z0-9]+)"/g)].map((match) => match[1]) };
    };
    const first = await page("q=gatubelysning");
    expect(first.html).toContain("Results 1–50, best matches first");
    expect(first.html).toContain("More results →");
    expect(first.html).not.toContain("← Previous results");
    const second = await page("q=gatubelysning&page=2");
    expect(second.html).toContain("Results 51–60");
    expect(second.html).toContain("← Previous results");
    expect(second.html).not.toContain("More results →");
    expect(new Set([...first.links, ...second.links])).toEqual(new Set(created));
    expect(first.links.length + second.links.length).toBe(60);
    // A page past the last has nothing more, and says so plainly.
    const past = await page("q=gatubelysning&page=9");
    expect(past.links).toEqual([]);
    expect(past.html).toContain("No more results.");
    expect(past.html).toContain("← Previous results");
    await prisma.milestone.deleteMany({ where: { id: { in: created } } });
    for (const id of created) await reindex("milestone", id);
  });

  it("rebuilds a whole project's index", async () => {
    await app.database.prisma.searchEntry.deleteMany({ where: { projectId: preStudyId } });
    expect(await find("owner@vasteras.example", "dialog")).toEqual([]);
    await reindexProject(preStudyId);
    expect(entityIds(await find("owner@vasteras.example", "dialog"))).toEqual(expect.arrayContaining([ids.dialog, ids.dialogen, ids.dialoger]));
  });
});
