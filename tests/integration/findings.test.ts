import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingDocumentName } from "~/collab/document-name";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { signedIn, type TestClient } from "../support/client";
import { openSynced, startCollabApp, type CollabApp } from "../support/collab";
import { visibleText } from "../support/html";

let app: CollabApp;
let projectId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 50 });
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const email of ["karin@vasteras.example", "erik@vasteras.example", "li.wei@jinan.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = await signedIn(app.url, email);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe("findings", () => {
  it("lists the demo's shared findings in the reader's language, and filters by tag, visit, organisation and language", async () => {
    const prisma = app.database.prisma;
    const list = visibleText(await (await as("li.wei@jinan.example").get(`/projects/${projectId}/findings`)).text());
    expect(list).toContain("12345热线：一个号码受理全部诉求");
    expect(list).toContain("韦斯特罗斯联络中心如何转办");
    expect(list).not.toContain("草稿：中瑞双语在线咨询"); // a draft, not Li Wei's

    const tag = (await prisma.findingTag.findMany({ where: { projectId } })).find((candidate) => (candidate.names as Record<string, string>).sv === "Kompetens")!;
    const byTag = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/findings?tag=${tag.id}`)).text());
    expect(byTag).toContain("Utbildning och uppföljning av handläggarna");
    expect(byTag).not.toContain("Så lotsar Västerås kontaktcenter vidare");

    const vasteras = await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } });
    const byOrganisation = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/findings?organisation=${vasteras.id}`)).text());
    expect(byOrganisation).toContain("Så lotsar Västerås kontaktcenter vidare");
    expect(byOrganisation).not.toContain("Hotline 12345: ett nummer för alla ärenden");

    // Written in English: none of the demo's findings.
    const english = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/findings?lang=en`)).text());
    expect(english).toContain("Inga lärdomar matchar.");
  });

  it("keeps drafts to their author, the owner and the project group until shared", async () => {
    const prisma = app.database.prisma;
    const visit = (await prisma.visit.findMany({ where: { projectId } })).find((candidate) => (candidate.titles as Record<string, string>).sv === "Jinans delegation i Västerås")!;
    const create = await as("zhang.min@jinan.example").post(`/projects/${projectId}/findings`, { intent: "create", "title.zh": "热线回访制度", organisationId: "", visitId: visit.id, agendaItemId: "", state: "draft" });
    expect(create.status).toBe(302);
    const path = `/projects/${projectId}/findings/${create.headers.get("location")!.split("/").pop()}`;
    expect((await as("zhang.min@jinan.example").get(path)).status).toBe(200); // the author
    expect((await as("karin@vasteras.example").get(path)).status).toBe(200); // project group
    expect((await as("li.wei@jinan.example").get(path)).status).toBe(404); // steering group
    expect((await as("viewer@vasteras.example").get(path)).status).toBe(404);
    // Shared: every member reads it.
    expect((await as("zhang.min@jinan.example").post(path, { intent: "update", "title.zh": "热线回访制度", organisationId: "", visitId: visit.id, agendaItemId: "", state: "shared" })).status).toBe(200);
    expect((await as("viewer@vasteras.example").get(path)).status).toBe(200);
    const events = await prisma.auditEvent.findMany({ where: { entityType: "Finding", action: { in: ["finding.create", "finding.share"] } } });
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["finding.create", "finding.share"]));
  });

  it("is written live by those who may edit it; others read", async () => {
    const finding = await app.database.prisma.finding.findFirstOrThrow({ where: { projectId, state: "shared", titles: { path: ["sv"], equals: "Så lotsar Västerås kontaktcenter vidare" } } });
    const scope = async (email: string) => {
      const client = await openSynced(app.url, findingDocumentName(finding.id, "sv"), await app.sessionCookie(email));
      const value = client.provider.authorizedScope;
      client.destroy();
      return value;
    };
    expect(await scope("karin@vasteras.example")).toBe("read-write");
    expect(await scope("li.wei@jinan.example")).toBe("readonly");
    expect(await scope("zhang.min@jinan.example")).toBe("read-write"); // from the visit of Jinan's delegation
    const writer = await openSynced(app.url, findingDocumentName(finding.id, "en"), await app.sessionCookie("karin@vasteras.example"));
    writer.type("The contact centre routes what it cannot answer.");
    await expect
      .poll(async () => (await app.database.prisma.richText.findUnique({ where: { findingId_lang: { findingId: finding.id, lang: "en" } } }))?.text, { timeout: 5000 })
      .toContain("routes what it cannot answer");
    writer.destroy();
  });

  it("shows on the plan section it informs", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const page = visibleText(await (await as("erik@vasteras.example").get(`/projects/${projectId}/plan/${section.id}`)).text());
    expect(page).toContain("Lärdomar som är underlag för avsnittet");
    expect(page).toContain("Invånardialogen når sällan politiken");
  });

  it("takes comments on a passage, as the plan does, with mentions that reach the person", async () => {
    const prisma = app.database.prisma;
    const finding = await prisma.finding.findFirstOrThrow({ where: { projectId, state: "shared", titles: { path: ["sv"], equals: "Invånardialogen når sällan politiken" } } });
    const anchor = Buffer.from([1, 2, 3]).toString("base64");
    const path = `/projects/${projectId}/findings/${finding.id}`;
    const response = await as("erik@vasteras.example").post(path, {
      intent: "comment", lang: "sv", "body.sv": "@李伟 Li Wei hur ofta rapporterar ni till stadsledningen?", quote: "en gång i kvartalet", anchorStart: anchor, anchorEnd: anchor,
    });
    expect(response.status).toBe(200);
    const page = visibleText(await (await as("li.wei@jinan.example").get(`${path}?left=sv&right=zh`)).text());
    expect(page).toContain("hur ofta rapporterar ni till stadsledningen?");
    const liWei = await prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } });
    const notice = await prisma.notification.findFirstOrThrow({ where: { userId: liWei.id, kind: "mention" }, orderBy: { createdAt: "desc" } });
    expect(notice.link).toBe(path);
    // The viewer reads but does not comment; nobody comments on a draft they cannot see.
    expect((await as("viewer@vasteras.example").post(path, { intent: "comment", lang: "sv", "body.sv": "x", quote: "", anchorStart: anchor, anchorEnd: anchor })).status).toBe(403);
    const draft = await prisma.finding.findFirstOrThrow({ where: { projectId, state: "draft", authorId: { not: null } , titles: { path: ["sv"], equals: "Utkast: chatt på kinesiska och svenska" } } });
    const hidden = await as("erik@vasteras.example").post(`/projects/${projectId}/findings/${draft.id}`, { intent: "comment", lang: "sv", "body.sv": "Syns inte", quote: "", anchorStart: anchor, anchorEnd: anchor });
    expect(hidden.status).toBe(404);
    expect(await prisma.comment.count({ where: { findingId: draft.id } })).toBe(0);
  });
});
