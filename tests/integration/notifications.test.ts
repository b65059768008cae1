import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startSmtpServer } from "../support/smtp";

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let projectId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const mailsTo = (email: string) => smtp.received.filter((mail) => (mail.to && "text" in mail.to ? mail.to.text : "") === email);

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://partnerskap.example" } });
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const email of ["karin@vasteras.example", "erik@vasteras.example", "li.wei@jinan.example", "wang.fang@jinan.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe("notifications", () => {
  it("a submission asks each steering member in their language; a decision tells the submitter", async () => {
    const prisma = app.database.prisma;
    // Erik wants no e-mail: he sees it under the bell only.
    await prisma.user.update({ where: { email: "erik@vasteras.example" }, data: { emailNotifications: "none" } });
    const milestones = await prisma.milestone.findMany({ where: { projectId } });
    const report = milestones.find((milestone) => (milestone.titles as Record<string, string>).sv === "Rapport om Hotline 12345")!;
    const path = `/projects/${projectId}/milestones/${report.id}`;
    expect((await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Rapporten är klar." })).status).toBe(200);

    // E-mail goes out from the job queue, just after the answer.
    await vi.waitFor(() => expect(mailsTo("li.wei@jinan.example")).toHaveLength(1));
    const liWeiMail = mailsTo("li.wei@jinan.example");
    expect(liWeiMail[0]!.subject).toBe("Karin Berg请您对“Rapport om Hotline 12345”作出决定");
    expect(liWeiMail[0]!.text).toContain(`https://partnerskap.example${path}`);
    expect(liWeiMail[0]!.text).toContain("Rapporten är klar.");
    expect(mailsTo("erik@vasteras.example")).toHaveLength(0);

    const erikPage = await (await as("erik@vasteras.example").get("/notifications")).text();
    expect(erikPage).toContain("Karin Berg ber om ditt beslut om ”Rapport om Hotline 12345”");
    expect(await (await as("erik@vasteras.example").get("/projects")).text()).toContain("Aviseringar, 1 olästa");

    const [round] = await prisma.approvalRequest.findMany({ where: { milestoneId: report.id } });
    await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round!.id, kind: "request_changes", "comment.zh": "请补充数据。" });
    await vi.waitFor(() => expect(mailsTo("karin@vasteras.example")).toHaveLength(1));
    const karinMail = mailsTo("karin@vasteras.example");
    expect(karinMail[0]!.subject).toBe("李伟 Li Wei: Begärde ändringar – ”Rapport om Hotline 12345”");
    expect(karinMail[0]!.text).toContain("请补充数据。");

    // Read: the count goes.
    await as("erik@vasteras.example").post("/notifications", { notificationId: "all" });
    expect(await (await as("erik@vasteras.example").get("/projects")).text()).toContain("Aviseringar, 0 olästa");
  });

  it("an @mention in a comment reaches the person mentioned", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "risks" } });
    const anchor = Buffer.from([1, 2, 3]).toString("base64");
    const before = mailsTo("wang.fang@jinan.example").length;
    const response = await as("erik@vasteras.example").post(`/projects/${projectId}/plan/${section.id}`, {
      intent: "comment", lang: "sv", "body.sv": "@王芳 Wang Fang kan du titta på riskerna?", quote: "", anchorStart: anchor, anchorEnd: anchor,
    });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(mailsTo("wang.fang@jinan.example")).toHaveLength(before + 1));
    const mails = mailsTo("wang.fang@jinan.example");
    expect(mails.at(-1)!.subject).toBe("Erik Johansson在评论中提及了您");
    const page = await (await as("wang.fang@jinan.example").get("/notifications")).text();
    expect(page).toContain("Erik Johansson在评论中提及了您");
  });

  it("a person's notifications are theirs alone", async () => {
    const eriksNotification = await app.database.prisma.notification.findFirstOrThrow({ where: { user: { email: "erik@vasteras.example" } } });
    await app.database.prisma.notification.update({ where: { id: eriksNotification.id }, data: { readAt: null } });
    await as("karin@vasteras.example").post("/notifications", { notificationId: eriksNotification.id });
    expect((await app.database.prisma.notification.findUniqueOrThrow({ where: { id: eriksNotification.id } })).readAt).toBeNull();
    expect((await new TestClient(app.url).get("/notifications")).status).toBe(302);
  });
});
