import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSkippedWallTime } from "~/utils/time-zones.server";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

let app: TestApp;
let owner: TestClient;
let karin: TestClient;
let projectId: string;
let earlierId: string;

const auditCount = () => app.database.prisma.auditEvent.count({ where: { NOT: { action: "auth.sign_in" } } });

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

describe("bad input gets a clear answer and writes nothing", () => {
  it("unknown addresses and ids are 404 in the reader's language", async () => {
    const before = await auditCount();
    for (const pathname of ["/nowhere", `/projects/does-not-exist`, `/projects/${projectId}/nowhere`]) {
      const response = await karin.get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).toContain("Sidan hittades inte");
    }
    const malformed = await karin.get("/projects/%E0%A4%A");
    expect(malformed.status).toBe(400);
    expect(await auditCount()).toBe(before);
  });

  it("an owner's action on another project's members cannot touch them", async () => {
    // The owner owns both projects; a membership of the earlier one posted to the pre-study is unknown there.
    const erikEarlier = await app.database.prisma.membership.findFirstOrThrow({
      where: { projectId: earlierId, user: { email: "erik@vasteras.example" } },
    });
    const before = await auditCount();
    const response = await owner.post(`/projects/${projectId}/members`, { intent: "remove", membershipId: erikEarlier.id });
    expect(response.status).toBe(404);
    expect(await app.database.prisma.membership.findUnique({ where: { id: erikEarlier.id } })).not.toBeNull();
    const change = await owner.post(`/projects/${projectId}/members`, { intent: "changeRole", membershipId: erikEarlier.id, role: "viewer" });
    expect(change.status).toBe(404);
    expect((await app.database.prisma.membership.findUniqueOrThrow({ where: { id: erikEarlier.id } })).role).toBe("steering_group");
    expect(await auditCount()).toBe(before);
  });

  it("malformed posts are 400 with messages, never 500", async () => {
    const before = await auditCount();
    const cases: Record<string, string>[] = [
      { intent: "invite", email: "not-an-email", role: "viewer" },
      { intent: "invite", email: "a@b.example", role: "king" },
      { intent: "dance" },
      {},
      { intent: "changeRole", membershipId: "", role: "viewer" },
    ];
    for (const body of cases) {
      const response = await owner.post(`/projects/${projectId}/members`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const badEmail = await owner.post(`/projects/${projectId}/members`, { intent: "invite", email: "not-an-email", role: "viewer" });
    expect(await badEmail.text()).toContain("Ange en e-postadress");
    expect(await auditCount()).toBe(before);
  });

  it("a JSON or garbage body is refused cleanly", async () => {
    const json = await owner.request(`/projects/${projectId}/members`, {
      method: "POST",
      body: JSON.stringify({ intent: "invite" }),
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("must be a form");
    const garbage = await new TestClient(app.url).request("/login", { method: "POST", body: "%%%===&&&", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(garbage.status).toBe(400);
  });

  it("oversized posts are refused with 413 before they are read", async () => {
    const before = await auditCount();
    const response = await owner.post(`/projects/${projectId}/members`, {
      intent: "invite",
      email: `${"a".repeat(2 * 1024 * 1024)}@example.org`,
      role: "viewer",
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("too large");
    expect(await auditCount()).toBe(before);
  });

  it("new project: impossible dates, amounts and periods are explained", async () => {
    const organisationIds = (await app.database.prisma.organisation.findMany()).map((organisation) => organisation.id);
    const response = await owner.post("/projects/new", {
      "title.sv": "",
      grantAmount: "12,34,56",
      currency: "SEK",
      startDate: "2027-02-30",
      endDate: "2026-13-01",
      organisationIds,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Fältet måste fyllas i");
    const before = await app.database.prisma.project.count();
    const backwards = await owner.post("/projects/new", {
      "title.sv": "Backwards",
      grantAmount: "1 000,50",
      currency: "SEK",
      startDate: "2027-06-01",
      endDate: "2027-01-01",
      organisationIds,
    });
    expect(backwards.status).toBe(400);
    expect(await app.database.prisma.project.count()).toBe(before);
    const good = await owner.post("/projects/new", {
      "title.sv": "Good",
      grantAmount: "1 000,50",
      currency: "SEK",
      startDate: "2027-01-01",
      endDate: "2027-06-30",
      organisationIds,
    });
    expect(good.status).toBe(302);
    const created = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: "Good" } } });
    expect(created.grantAmount.toFixed(2)).toBe("1000.50");
  });

  it("a bad language choice is 400 and a redirect never leaves the site", async () => {
    expect((await karin.post("/language", { lang: "fr" })).status).toBe(400);
    const response = await karin.post("/language", { lang: "en", redirectTo: "//evil.example/" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/projects");
  });
});

describe("hardening: bad input answers in the reader's language and writes nothing", () => {
  const zh = JSON.parse(readFileSync("locales/zh/errors.json", "utf8")) as Record<string, string>;
  let wang: TestClient;
  let li: TestClient;
  const milestoneCount = () => app.database.prisma.milestone.count({ where: { projectId } });
  const milestone = (fields: Record<string, string>) => ({
    intent: "create",
    "title.zh": "Avstämning",
    "description.zh": "",
    dueDate: new Date().toISOString().slice(0, 10),
    meetingTime: "",
    meetingZone: "Europe/Stockholm",
    ownerId: "",
    ...fields,
  });

  beforeAll(async () => {
    wang = new TestClient(app.url);
    await wang.signIn("wang.fang@jinan.example");
    li = new TestClient(app.url);
    await li.signIn("li.wei@jinan.example");
  });

  it("a NUL or another control character in a field is refused with a message, not a 500", async () => {
    const before = [await milestoneCount(), await auditCount()];
    for (const title of ["a\u0000b", "\u0007", "x\u001by"]) {
      const response = await wang.post(`/projects/${projectId}/milestones`, milestone({ "title.zh": title }));
      expect(response.status, JSON.stringify(title)).toBe(400);
      expect(await response.text()).toContain(zh.controlCharacters);
    }
    expect([await milestoneCount(), await auditCount()]).toEqual(before);
  });

  it("a NUL in a filter is ignored, in an address it is unknown", async () => {
    for (const query of ["tag=%00", "visit=%00", "organisation=a%00b"]) {
      expect((await wang.get(`/projects/${projectId}/findings?${query}`)).status, query).toBe(200);
    }
    expect((await wang.get(`/projects/${projectId}/search?q=%00`)).status).toBe(200);
    for (const query of ["lang=%00", "left=%00&right=zh", "left=sv&right=a%00b"]) {
      expect((await wang.get(`/projects/${projectId}/plan/document?${query}`)).status, query).toBe(200);
    }
    for (const pathname of ["/projects/%00", `/projects/${projectId}/visits/%00`, `/projects/${projectId}/findings/a%01b`, "/invite/%00"]) {
      const response = await wang.get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).toContain(zh.notFound);
    }
  });

  it("a body that is no readable form is 400 in the reader's language, /login included", async () => {
    const malformed = { method: "POST", body: "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na", headers: { "content-type": "multipart/form-data; boundary=x", "accept-language": "zh-CN" } };
    const login = await new TestClient(app.url).request("/login", malformed);
    expect(login.status).toBe(400);
    expect(await login.text()).toContain(zh.unreadableForm);
    const before = await milestoneCount();
    const action = await wang.request(`/projects/${projectId}/milestones`, { ...malformed, headers: { "content-type": "multipart/form-data; boundary=y" } });
    expect(action.status).toBe(400);
    expect(await action.text()).toContain(zh.unreadableForm);
    expect(await milestoneCount()).toBe(before);
  });

  it("after a failed action the error page keeps the reader's language and the signed-in header", async () => {
    const cases = [
      { client: wang, name: "王芳 Wang Fang", path: "/nowhere", status: 404, message: zh.notFound },
      { client: wang, name: "王芳 Wang Fang", path: `/projects/${projectId}/activity`, status: 405, message: zh.methodNotAllowed },
      // The steering group does not create milestones.
      { client: li, name: "李伟 Li Wei", path: `/projects/${projectId}/milestones`, status: 403, message: zh.forbidden },
      { client: wang, name: "王芳 Wang Fang", path: "/projects/unknown-project/milestones", status: 404, message: zh.notFound },
    ];
    for (const { client, name, path, status, message } of cases) {
      const response = await client.post(path, milestone({}));
      expect(response.status, path).toBe(status);
      const html = await response.text();
      expect(html, path).toContain('<html lang="zh-CN"');
      expect(html, path).toContain(`<h1>${message}</h1>`);
      expect(html, path).toContain(name);
    }
  });

  it("dates and times that cannot be right are refused: 1900, 9999, outside the project, the night the clocks skip 02:30", async () => {
    const project = await app.database.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
    const before = await milestoneCount();
    const refusedWith = async (fields: Record<string, string>, key: string) => {
      const response = await wang.post(`/projects/${projectId}/milestones`, milestone(fields));
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.text(), JSON.stringify(fields)).toContain(zh[key]);
    };
    await refusedWith({ dueDate: "1900-01-01" }, "dateRange");
    await refusedWith({ dueDate: "9999-12-31" }, "dateRange");
    const yearsLater = new Date(project.endDate.getTime() + 3 * 365 * 86_400_000).toISOString().slice(0, 10);
    await refusedWith({ dueDate: yearsLater }, "milestoneOutsidePeriod");
    // A night within the period (or the six months after it) when Swedish clocks jump from 02:00 to 03:00.
    let gap = new Date(project.startDate);
    while (!isSkippedWallTime(`${gap.toISOString().slice(0, 10)}T02:30`, "Europe/Stockholm")) gap = new Date(gap.getTime() + 86_400_000);
    const night = gap.toISOString().slice(0, 10);
    await refusedWith({ dueDate: night, meetingTime: `${night}T02:30`, meetingZone: "Europe/Stockholm" }, "timeSkipped");
    // The same wall time in Jinan exists.
    expect((await wang.post(`/projects/${projectId}/milestones`, milestone({ dueDate: night, meetingTime: `${night}T02:30`, meetingZone: "Asia/Shanghai" }))).status).toBe(302);
    expect(await milestoneCount()).toBe(before + 1);
  });

  it("a translation request for a language already up to date is refused with a message, and writes nothing", async () => {
    const background = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "background" } });
    const before = [await app.database.prisma.translationRequest.count(), await auditCount()];
    const response = await wang.post(`/projects/${projectId}/translations`, { intent: "request", kind: "plan_section", id: background.id, lang: "zh", note: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(zh.translationUpToDate);
    expect([await app.database.prisma.translationRequest.count(), await auditCount()]).toEqual(before);
  });

  it("a programme item years after its visit is refused", async () => {
    const visit = await app.database.prisma.visit.findFirstOrThrow({ where: { projectId }, include: { agendaItems: true } });
    const later = new Date(visit.endDate.getTime() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
    const response = await wang.post(`/projects/${projectId}/visits/${visit.id}`, { intent: "addItem", date: later, start: "10:00", end: "11:00", "title.zh": "Uppföljning", place: "", leader: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(zh.outsideVisit);
    expect(await app.database.prisma.agendaItem.count({ where: { visitId: visit.id } })).toBe(visit.agendaItems.length);
  });

  it('"0,001" is no amount (it was booked as 1.00 for an English or Chinese reader)', async () => {
    const category = await app.database.prisma.costCategory.findFirstOrThrow({ where: { projectId } });
    const organisation = await app.database.prisma.projectOrganisation.findFirstOrThrow({ where: { projectId } });
    const expenses = await app.database.prisma.expense.count({ where: { projectId } });
    const response = await wang.post(`/projects/${projectId}/budget/expenses`, {
      intent: "record",
      date: new Date().toISOString().slice(0, 10),
      payee: "翻译公司",
      description: "",
      projectYear: "1",
      categoryId: category.id,
      payingOrgId: organisation.organisationId,
      currency: "SEK",
      amount: "0,001",
      rate: "",
      visitId: "",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(zh.amount);
    expect(await app.database.prisma.expense.count({ where: { projectId } })).toBe(expenses);
  });

  it("the same create form sent twice creates once and answers as the first did, at once or one after the other", async () => {
    const before = await milestoneCount();
    const formKey = randomUUID();
    const form = milestone({ "title.zh": "Skickad två gånger", formKey });
    const first = await wang.post(`/projects/${projectId}/milestones`, form);
    const second = await wang.post(`/projects/${projectId}/milestones`, form);
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await milestoneCount()).toBe(before + 1);

    const together = milestone({ "title.zh": "Dubbelklick", formKey: randomUUID() });
    const answers = await Promise.all([wang.post(`/projects/${projectId}/milestones`, together), wang.post(`/projects/${projectId}/milestones`, together)]);
    expect(answers.map((answer) => answer.status)).toEqual([302, 302]);
    expect(answers[1]!.headers.get("location")).toBe(answers[0]!.headers.get("location"));
    expect(await milestoneCount()).toBe(before + 2);

    // Another form of the page with the same key (the page's key serves all its forms) is its own.
    expect((await wang.post(`/projects/${projectId}/milestones`, milestone({ "title.zh": "En annan", formKey }))).status).toBe(302);
    expect(await milestoneCount()).toBe(before + 3);
    // A refused sending frees its key: corrected, the same form creates.
    const refusedKey = randomUUID();
    expect((await wang.post(`/projects/${projectId}/milestones`, milestone({ "title.zh": "", formKey: refusedKey }))).status).toBe(400);
    expect((await wang.post(`/projects/${projectId}/milestones`, milestone({ "title.zh": "Rättad", formKey: refusedKey }))).status).toBe(302);
    expect(await milestoneCount()).toBe(before + 4);
  });

  it("a machine draft of a rich text, asked of a workspace without a translation service or with text where an id goes, is refused with a message", async () => {
    const before = await auditCount();
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    // In Karin's language, whichever an earlier test left her with.
    const message = (key: string) => ["sv", "zh", "en"].map((lang) => (JSON.parse(readFileSync(`locales/${lang}/errors.json`, "utf8")) as Record<string, string>)[key]);
    const draft = (fields: Record<string, string>) => karin.post(`/projects/${projectId}/machine-draft`, { intent: "draft", kind: "section", lang: "en", ...fields });
    const unconfigured = await draft({ id: section.id });
    expect(unconfigured.status).toBe(400);
    expect(message("translationNotConfigured")).toContain(((await unconfigured.json()) as { message: string }).message);
    // The text is never sent: the server reads the source itself. 100 000 characters in its place are no id.
    const pasted = await draft({ id: "Invånarna ringer kontaktcenter. ".repeat(3_125) });
    expect(pasted.status).toBe(400);
    expect(message("invalid")).toContain(((await pasted.json()) as { message: string }).message);
    expect(await auditCount()).toBe(before);
  });
});
