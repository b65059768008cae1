import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { retryUnsent } from "~/notifications/notifications.server";
import { remindDueMilestones, sendDailyDigests } from "~/notifications/scheduled.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { createTestDatabase } from "../support/database";
import { startSmtpServer } from "../support/smtp";

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), SMTP_URL: smtp.url, PUBLIC_URL: "https://partnerskap.example", DATA_DIR: "/tmp" }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
});
afterAll(async () => {
  await database?.close();
  await smtp?.close();
});

describe("scheduled notices", () => {
  it("reminds of a milestone due within a week, once, in the recipient's language", async () => {
    const prisma = database.prisma;
    const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
    const wang = await prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    const soon = await prisma.milestone.create({
      data: { projectId: project.id, titles: { sv: "Workshop", zh: "研讨会" }, descriptions: {}, originalLang: "sv", dueDate: new Date(Date.now() + 3 * 86_400_000), ownerId: wang.id },
    });
    await remindDueMilestones();
    await remindDueMilestones();
    const notices = await prisma.notification.findMany({ where: { kind: "due_soon", userId: wang.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.link).toBe(`/projects/${project.id}/milestones/${soon.id}`);
    const mail = smtp.received.find((entry) => entry.subject?.startsWith("“研讨会”的截止日期为"));
    expect(mail).toBeTruthy();
  });

  it("sends those who chose it one digest a day of what they have not read", async () => {
    const prisma = database.prisma;
    const erik = await prisma.user.update({ where: { email: "erik@vasteras.example" }, data: { emailNotifications: "daily" } });
    await prisma.notification.createMany({
      data: [
        { userId: erik.id, kind: "mention", params: { name: "Karin Berg" }, link: "/projects/x/plan/y" },
        { userId: erik.id, kind: "awaiting_decision", params: { name: "Karin Berg", title: "Slutrapport" }, link: "/projects/x/milestones/z" },
      ],
    });
    const before = smtp.received.length;
    expect(await sendDailyDigests()).toBe(1);
    expect(await sendDailyDigests()).toBe(0); // not twice in a day
    const digests = smtp.received.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("2 aviseringar från arbetsytan Västerås–Jinan");
    expect(digests[0]!.text).toContain("Karin Berg nämnde dig i en kommentar");
    expect(digests[0]!.text).toContain("Karin Berg ber om ditt beslut om ”Slutrapport”");
    // A day later, with nothing new, nothing is sent.
    expect(await sendDailyDigests(new Date(Date.now() + 25 * 3_600_000))).toBe(0);
  });

  it("sends later what could not be sent when it happened, once", async () => {
    const prisma = database.prisma;
    const liWei = await prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } });
    await prisma.notification.create({
      data: { userId: liWei.id, kind: "mention", params: { name: "Karin Berg" }, link: "/x", createdAt: new Date(Date.now() - 5 * 60_000) },
    });
    const before = smtp.received.length;
    await Promise.all([retryUnsent(), retryUnsent()]);
    const sent = smtp.received.slice(before).filter((mail) => mail.subject === "Karin Berg在评论中提及了您");
    expect(sent).toHaveLength(1);
  });
});
