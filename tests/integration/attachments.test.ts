import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { purgeRemovedAttachments } from "~/files/attachments.server";
import { REMOVED_FILE_RETENTION_DAYS } from "~/files/limits";
import type { PrismaClient } from "~/generated/prisma/client";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { listen, type RunningServer } from "../../server/server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, TestClient } from "../support/client";
import { elfExecutable, file, heic, jpeg, pdf, png, windowsExecutable } from "../support/files";

// Attachments on visits, agenda items and findings: the type from the content, 20 MB at most,
// nothing stored when refused, files only for the project's members; the same with two processes
// sharing UPLOAD_DIR. Removal and restore in detail: file-removal.test.ts.

type Fixture = {
  projectId: string;
  earlierProjectId: string;
  visitId: string;
  itemId: string;
  otherItemId: string;
  draftFindingId: string;
  sharedFindingId: string;
};

async function createFixture(prisma: PrismaClient): Promise<Fixture> {
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const earlier = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } });
  const [vasteras, jinan] = await prisma.projectOrganisation.findMany({ where: { projectId: project.id }, orderBy: { organisationId: "asc" } });
  const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });
  const zhang = await user("zhang.min@jinan.example");
  const karin = await user("karin@vasteras.example");
  const visit = (title: string) =>
    prisma.visit.create({
      data: {
        projectId: project.id,
        travellerOrgId: jinan!.organisationId,
        hostOrgId: vasteras!.organisationId,
        titles: { en: title },
        purposes: {},
        originalLang: "en",
        startDate: new Date("2026-05-04"),
        endDate: new Date("2026-05-08"),
      },
    });
  const ours = await visit("Study visit to Västerås");
  const other = await visit("Another delegation");
  await prisma.visitParticipant.create({ data: { visitId: ours.id, role: "delegate", userId: zhang.id } });
  const item = (visitId: string) =>
    prisma.agendaItem.create({
      data: { visitId, startsAt: new Date("2026-05-05T07:00:00Z"), endsAt: new Date("2026-05-05T09:00:00Z"), titles: { en: "Contact centre" }, originalLang: "en" },
    });
  const finding = (state: "draft" | "shared") =>
    prisma.finding.create({
      data: { projectId: project.id, titles: { en: `A ${state} finding` }, originalLang: "en", sourceLang: "en", state, visitId: ours.id, authorId: karin.id },
    });
  return {
    projectId: project.id,
    earlierProjectId: earlier.id,
    visitId: ours.id,
    itemId: (await item(ours.id)).id,
    otherItemId: (await item(other.id)).id,
    draftFindingId: (await finding("draft")).id,
    sharedFindingId: (await finding("shared")).id,
  };
}

/** Posts files as a script does (JSON answers) or as a plain form (redirects). */
function upload(client: TestClient, fixture: Fixture, target: { kind: string; id: string }, files: File[], options: { json?: boolean; redirectTo?: string } = {}) {
  const form = new FormData();
  form.set("target", target.kind);
  form.set("targetId", target.id);
  for (const item of files) form.append("file", item);
  if (options.redirectTo) form.set("redirectTo", options.redirectTo);
  return client.post(`/projects/${fixture.projectId}/files`, form, options.json === false ? {} : { accept: "application/json" });
}

async function uploaded(response: Response) {
  expect(response.status, await response.clone().text()).toBe(201);
  const body = (await response.json()) as { attachments: { id: string; url: string; thumbnailUrl: string | null; sha256: string; contentType: string; fileName: string }[] };
  return body.attachments;
}

async function expectRefused(response: Response, status: number, key: string) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(JSON.parse(text)).toMatchObject({ errors: { file: key } });
}

describe("attachments kept under DATA_DIR (the default)", () => {
  let app: TestApp;
  let fixture: Fixture;
  let karin: TestClient;
  beforeAll(async () => {
    app = await startTestApp();
    fixture = await createFixture(app.database.prisma);
    karin = await signedIn(app.url, "karin@vasteras.example");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("stores a photo, serves it as an image with a thumbnail, and keeps its SHA-256", async () => {
    const bytes = await jpeg(1600, 1200);
    const [photo] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(bytes, "Stadshuset.jpg", "image/jpeg")]));
    expect(photo).toMatchObject({ contentType: "image/jpeg", fileName: "Stadshuset.jpg" });
    const row = await app.database.prisma.attachment.findUniqueOrThrow({ where: { id: photo!.id } });
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    // The bytes are a file under DATA_DIR/files, not a value in the database.
    expect(row.data).toBeNull();
    expect(row.storageKey).toBeTruthy();

    const served = await karin.get(photo!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toMatch(/^private/);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const etag = served.headers.get("etag")!;
    expect((await karin.get(photo!.url, { "if-none-match": etag })).status).toBe(304);

    const thumbnail = await karin.get(photo!.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    const metadata = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(metadata.width).toBeLessThanOrEqual(320);

    const audit = await app.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.create", entityId: photo!.id } });
    expect(audit.data).toMatchObject({ fileName: "Stadshuset.jpg", sha256: row.sha256, visitId: fixture.visitId });
  });

  it("stores a PNG and a PDF; the PDF is shown inline, a Word-type name does not change what it is", async () => {
    const [image] = await uploaded(await upload(karin, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(await png(), "skiss.png", "image/png")]));
    expect((await karin.get(image!.url)).headers.get("content-type")).toBe("image/png");
    expect(image!.thumbnailUrl).not.toBeNull();

    const [document] = await uploaded(await upload(karin, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(pdf(), "minutes.docx", "application/msword")]));
    expect(document).toMatchObject({ contentType: "application/pdf", thumbnailUrl: null });
    const served = await karin.get(document!.url);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; /);
    expect((await karin.get(`${document!.url}?thumbnail=1`)).status).toBe(404);
  });

  it("takes a file of exactly 20 MB, and a plain form post goes back to its page", async () => {
    const big = new Uint8Array(20 * 1024 * 1024);
    big.set(pdf());
    const page = `/projects/${fixture.projectId}/visits/${fixture.visitId}?lang=sv#files-${fixture.visitId}`;
    const response = await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(big, "Rapport 20 MB.pdf")], { json: false, redirectTo: page });
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get("location")).toBe(page);
    const row = await app.database.prisma.attachment.findFirstOrThrow({ where: { fileName: "Rapport 20 MB.pdf" }, select: { size: true } });
    expect(row.size).toBe(big.length);
    // Another project's page is not a place to go back to.
    const elsewhere = await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "a.pdf")], { json: false, redirectTo: `/projects/${fixture.earlierProjectId}` });
    expect(elsewhere.headers.get("location")).toBe(`/projects/${fixture.projectId}`);
  });

  it("accepts a phone's HEIC photo as a file, without a thumbnail", async () => {
    const [photo] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(heic(), "IMG_0042.HEIC", "image/heic")]));
    expect(photo).toMatchObject({ contentType: "image/heic", thumbnailUrl: null });
    const served = await karin.get(photo!.url);
    expect(served.headers.get("content-type")).toBe("image/heic");
    // Most browsers cannot show it: it is downloaded.
    expect(served.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it("sends a Chinese name intact in Content-Disposition", async () => {
    const name = "会议纪要 Västerås 2026.pdf";
    const [document] = await uploaded(await upload(karin, fixture, { kind: "finding", id: fixture.sharedFindingId }, [file(pdf(), name)]));
    expect(document!.fileName).toBe(name);
    const header = (await karin.get(document!.url)).headers.get("content-disposition")!;
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)![1]!)).toBe(name);
  });

  describe("refusals store nothing", () => {
    const stored = async () => ({
      rows: await app.database.prisma.attachment.count(),
      events: await app.database.prisma.auditEvent.count({ where: { action: "attachment.create" } }),
    });
    let before: Awaited<ReturnType<typeof stored>>;
    beforeAll(async () => {
      before = await stored();
    });
    const target = () => ({ kind: "visit", id: fixture.visitId });

    it("an ELF executable renamed .pdf", async () => {
      await expectRefused(await upload(karin, fixture, target(), [file(elfExecutable(), "x.pdf", "application/pdf")]), 400, "errors:fileType");
    });

    it("a Windows program renamed .pdf", async () => {
      await expectRefused(await upload(karin, fixture, target(), [file(windowsExecutable(), "x.pdf", "application/pdf")]), 400, "errors:fileType");
    });

    it("a 30 MB file, with a clear message in the person's language", async () => {
      const big = new Uint8Array(30 * 1024 * 1024);
      big.set(pdf());
      await expectRefused(await upload(karin, fixture, target(), [file(big, "big.pdf")]), 413, "errors:fileTooLarge");
      const zhang = await signedIn(app.url, "zhang.min@jinan.example");
      const plain = await upload(zhang, fixture, target(), [file(big, "big.pdf")], { json: false });
      expect(plain.status).toBe(413);
      expect(await plain.text()).toContain("文件过大");
    });

    it("a file just over 20 MB that fits in the request", async () => {
      const big = new Uint8Array(20 * 1024 * 1024 + 1);
      big.set(pdf());
      await expectRefused(await upload(karin, fixture, target(), [file(big, "big.pdf")]), 400, "errors:fileTooLarge");
    });

    it("an empty file", async () => {
      await expectRefused(await upload(karin, fixture, target(), [file(new Uint8Array(), "empty.pdf")]), 400, "errors:fileEmpty");
    });

    it("a name with ../", async () => {
      await expectRefused(await upload(karin, fixture, target(), [file(pdf(), "../evil.pdf")]), 400, "errors:fileName");
      await expectRefused(await upload(karin, fixture, target(), [file(pdf(), "..\\evil.pdf")]), 400, "errors:fileName");
    });

    it("a good file sent together with a bad one", async () => {
      await expectRefused(await upload(karin, fixture, target(), [file(pdf(), "good.pdf"), file(elfExecutable(), "bad.pdf")]), 400, "errors:fileType");
    });

    it("a plain form post goes back to its page with the refusal", async () => {
      const page = `/projects/${fixture.projectId}/visits/${fixture.visitId}`;
      const response = await upload(karin, fixture, target(), [file(new Uint8Array(), "empty.pdf")], { json: false, redirectTo: `${page}#files-${fixture.visitId}` });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`${page}?fileError=fileEmpty&fileFor=${fixture.visitId}#files-${fixture.visitId}`);
    });

    it("a malformed multipart body, or one without its boundary: 400 in the reader's language", async () => {
      const post = (contentType: string, body: string) =>
        karin.request(`/projects/${fixture.projectId}/files`, { method: "POST", body, headers: { "content-type": contentType, accept: "application/json" } });
      const cases = [
        post("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 cut off"),
        post("multipart/form-data", "--xyz\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\nvisit\r\n--xyz--\r\n"),
        post("multipart/form-data; boundary=xyz", "no multipart here at all"),
      ];
      for (const response of await Promise.all(cases)) {
        const text = await response.text();
        expect(response.status, text).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ errors: { form: "errors:badRequest" } });
      }
    });

    it("…and nothing was stored", async () => {
      expect(await stored()).toEqual(before);
    });
  });

  describe("who may attach and read", () => {
    it("a member of the other project gets 404 for the file's address", async () => {
      const prisma = app.database.prisma;
      const outsider = await prisma.user.create({ data: { email: "earlier.only@example.org", name: "Earlier Only", passwordHash: await hashPassword("demo-partnership") } });
      await prisma.membership.create({ data: { projectId: fixture.earlierProjectId, userId: outsider.id, role: "project_group" } });
      const [document] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "plan.pdf")]));
      const client = await signedIn(app.url, "earlier.only@example.org");
      expect((await client.get(document!.url)).status).toBe(404);
      expect((await client.get(`${document!.url}?thumbnail=1`)).status).toBe(404);
      // Nor through its own project's address.
      expect((await client.get(`/projects/${fixture.earlierProjectId}/files/${document!.id}`)).status).toBe(404);
      expect((await upload(client, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "x.pdf")])).status).toBe(404);
      // Signed out: to the sign-in page.
      const anonymous = await new TestClient(app.url).get(document!.url);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    });

    it("a viewer and the steering group read but cannot attach (403)", async () => {
      const [document] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "programme.pdf")]));
      for (const email of ["viewer@vasteras.example", "erik@vasteras.example"]) {
        const client = await signedIn(app.url, email);
        expect((await client.get(document!.url)).status).toBe(200);
        expect((await upload(client, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "x.pdf")])).status).toBe(403);
        const removal = await client.post(`/projects/${fixture.projectId}/files`, { intent: "delete", attachmentId: document!.id }, { accept: "application/json" });
        expect(removal.status).toBe(403);
      }
    });

    it("a delegate attaches to an agenda item of their visit, not of another delegation's", async () => {
      const zhang = await signedIn(app.url, "zhang.min@jinan.example");
      await uploaded(await upload(zhang, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(await png(), "现场.png")]));
      expect((await upload(zhang, fixture, { kind: "agenda_item", id: fixture.otherItemId }, [file(await png(), "现场.png")])).status).toBe(403);
    });

    it("closed minutes take no more files", async () => {
      await app.database.prisma.visit.update({ where: { id: fixture.visitId }, data: { minutesClosedAt: new Date() } });
      try {
        expect((await upload(karin, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(pdf(), "late.pdf")])).status).toBe(403);
      } finally {
        await app.database.prisma.visit.update({ where: { id: fixture.visitId }, data: { minutesClosedAt: null } });
      }
    });

    it("a draft finding's file is 404 for those who may not read the draft", async () => {
      const [document] = await uploaded(await upload(karin, fixture, { kind: "finding", id: fixture.draftFindingId }, [file(pdf(), "draft.pdf")]));
      expect((await (await signedIn(app.url, "owner@vasteras.example")).get(document!.url)).status).toBe(200);
      for (const email of ["viewer@vasteras.example", "zhang.min@jinan.example"]) {
        const client = await signedIn(app.url, email);
        expect((await client.get(document!.url)).status).toBe(404);
        expect((await upload(client, fixture, { kind: "finding", id: fixture.draftFindingId }, [file(pdf(), "x.pdf")])).status).toBe(404);
      }
    });

    it("removes a file with the right to attach, leaving a trace", async () => {
      const [document] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf(), "old.pdf")]));
      const wang = await signedIn(app.url, "wang.fang@jinan.example");
      const page = `/projects/${fixture.projectId}/visits/${fixture.visitId}`;
      const removal = await wang.post(`/projects/${fixture.projectId}/files`, { intent: "delete", attachmentId: document!.id, redirectTo: page });
      expect(removal.status).toBe(303);
      expect(removal.headers.get("location")).toBe(page);
      // Hidden at once, kept for an owner to restore.
      expect((await app.database.prisma.attachment.findUniqueOrThrow({ where: { id: document!.id } })).deletedAt).not.toBeNull();
      const audit = await app.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.delete", entityId: document!.id } });
      expect(audit.data).toMatchObject({ fileName: "old.pdf", sha256: document!.sha256 });
      expect((await karin.get(document!.url)).status).toBe(404);
    });

    it("a delegate cannot remove the programme the project group attached to the visit; her own note's file she can", async () => {
      const [programme] = await uploaded(await upload(karin, fixture, { kind: "visit", id: fixture.visitId }, [file(pdf("Program"), "Programme.pdf")]));
      const zhang = await signedIn(app.url, "zhang.min@jinan.example");
      const removal = await zhang.post(`/projects/${fixture.projectId}/files`, { intent: "delete", attachmentId: programme!.id }, { accept: "application/json" });
      expect(removal.status).toBe(403);
      const served = await karin.get(programme!.url);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(pdf("Program")))).toBe(true);

      const [own] = await uploaded(await upload(zhang, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(pdf("Notes"), "笔记.pdf")]));
      const ownRemoval = await zhang.post(`/projects/${fixture.projectId}/files`, { intent: "delete", attachmentId: own!.id }, { accept: "application/json" });
      expect(ownRemoval.status).toBe(200);
      expect((await karin.get(own!.url)).status).toBe(404);
      // The owner finds it among removed files on the audit page and restores it.
      const owner = await signedIn(app.url, "owner@vasteras.example");
      expect(await (await owner.get(`/projects/${fixture.projectId}/audit?lang=en`)).text()).toContain("笔记.pdf");
      const restore = await owner.post(`/projects/${fixture.projectId}/files`, { intent: "restore", attachmentId: own!.id, redirectTo: `/projects/${fixture.projectId}/audit` });
      expect(restore.status).toBe(303);
      expect((await karin.get(own!.url)).status).toBe(200);
    });

    it("still serves a file an older version stored in the database row", async () => {
      const prisma = app.database.prisma;
      const bytes = pdf("Äldre fil");
      const row = await prisma.attachment.create({
        data: {
          projectId: fixture.projectId,
          visitId: fixture.visitId,
          fileName: "äldre.pdf",
          contentType: "application/pdf",
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          data: bytes as Uint8Array<ArrayBuffer>,
        },
      });
      const served = await karin.get(`/projects/${fixture.projectId}/files/${row.id}`);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-length")).toBe(String(bytes.length));
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    });
  });
});

describe("attachments in UPLOAD_DIR shared by two app processes", () => {
  let app: TestApp;
  let second: RunningServer;
  let fixture: Fixture;
  let uploadDir: string;
  const filesIn = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesIn(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

  beforeAll(async () => {
    uploadDir = mkdtempSync(path.join(os.tmpdir(), "partnership-uploads-"));
    app = await startTestApp({ env: { UPLOAD_DIR: uploadDir } });
    // A second server on the same database and the same directory, as behind a load balancer.
    second = await listen(0, "127.0.0.1");
    fixture = await createFixture(app.database.prisma);
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it("serves from one process what was uploaded through the other", async () => {
    const bytes = await png(640, 480);
    const filesBefore = filesIn(uploadDir).length; // the demo's own files are there too
    const first = await signedIn(app.url, "karin@vasteras.example");
    const [image] = await uploaded(await upload(first, fixture, { kind: "visit", id: fixture.visitId }, [file(bytes, "bild.png")]));
    const row = await app.database.prisma.attachment.findUniqueOrThrow({ where: { id: image!.id } });
    expect(row.data).toBeNull();
    expect(row.storageKey).toBeTruthy();
    expect(filesIn(uploadDir)).toHaveLength(filesBefore + 1);

    const other = await signedIn(second.url, "viewer@vasteras.example");
    const served = await other.get(image!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect((await other.get(image!.thumbnailUrl!)).headers.get("content-type")).toBe("image/webp");
  });

  it("leaves no file behind when it refuses one", async () => {
    const before = filesIn(uploadDir);
    const rows = await app.database.prisma.attachment.count();
    const karin = await signedIn(app.url, "karin@vasteras.example");
    const target = { kind: "visit", id: fixture.visitId };
    await expectRefused(await upload(karin, fixture, target, [file(elfExecutable(), "x.pdf")]), 400, "errors:fileType");
    await expectRefused(await upload(karin, fixture, target, [file(new Uint8Array(), "empty.pdf")]), 400, "errors:fileEmpty");
    await expectRefused(await upload(karin, fixture, target, [file(pdf(), "../evil.pdf")]), 400, "errors:fileName");
    await expectRefused(await upload(karin, fixture, target, [file(pdf(), "ok.pdf"), file(windowsExecutable(), "x.pdf")]), 400, "errors:fileType");
    const big = new Uint8Array(30 * 1024 * 1024);
    big.set(pdf());
    await expectRefused(await upload(karin, fixture, target, [file(big, "big.pdf")]), 413, "errors:fileTooLarge");
    expect(filesIn(uploadDir)).toEqual(before);
    expect(await app.database.prisma.attachment.count()).toBe(rows);
  });

  it("keeps a removed file in the directory until it is purged, then removes it", async () => {
    const karin = await signedIn(second.url, "karin@vasteras.example");
    const [document] = await uploaded(await upload(karin, fixture, { kind: "agenda_item", id: fixture.itemId }, [file(pdf(), "temp.pdf")]));
    const count = filesIn(uploadDir).length;
    const removal = await karin.post(`/projects/${fixture.projectId}/files`, { intent: "delete", attachmentId: document!.id }, { accept: "application/json" });
    expect(removal.status).toBe(200);
    expect((await karin.get(document!.url)).status).toBe(404);
    expect(filesIn(uploadDir)).toHaveLength(count);
    expect(await purgeRemovedAttachments(new Date(Date.now() + (REMOVED_FILE_RETENTION_DAYS + 1) * 86_400_000))).toBe(1);
    expect(filesIn(uploadDir)).toHaveLength(count - 1);
  });

  it("removes an agenda item's files from the directory with the item, and keeps their names in the audit log", async () => {
    const prisma = app.database.prisma;
    const item = await prisma.agendaItem.create({
      data: { visitId: fixture.visitId, startsAt: new Date("2026-05-06T07:00:00Z"), endsAt: new Date("2026-05-06T08:00:00Z"), titles: { en: "Site visit" }, originalLang: "en" },
    });
    const karin = await signedIn(app.url, "karin@vasteras.example");
    await uploaded(await upload(karin, fixture, { kind: "agenda_item", id: item.id }, [file(pdf(), "slides.pdf"), file(await png(40, 30), "photo.png")]));
    const count = filesIn(uploadDir).length;
    const removal = await karin.post(`/projects/${fixture.projectId}/visits/${fixture.visitId}/items/${item.id}`, { intent: "remove" });
    expect(removal.status).toBe(303);
    expect(await prisma.attachment.count({ where: { agendaItemId: item.id } })).toBe(0);
    expect(filesIn(uploadDir)).toHaveLength(count - 2);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "agenda_item.delete", entityId: item.id } });
    expect((audit.data as { attachments: { fileName: string }[] }).attachments.map((attached) => attached.fileName).sort()).toEqual(["photo.png", "slides.pdf"]);
  });
});
