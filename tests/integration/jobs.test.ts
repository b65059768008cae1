import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { jobHandlers } from "~/jobs/handlers.server";
import { enqueue, startJobRunner } from "~/jobs/queue.server";
import { createTestDatabase, databaseKind } from "../support/database";
import { startSmtpServer } from "../support/smtp";

// The background queue on this run's database: pg-boss on PostgreSQL, the Job table on PGlite.

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let smtpPort: number;

beforeAll(async () => {
  smtp = await startSmtpServer();
  smtpPort = Number(new URL(smtp.url).port);
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), SMTP_URL: smtp.url, PUBLIC_URL: "https://partnerskap.example", DATA_DIR: "/tmp" }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
}, 60_000);
afterAll(async () => {
  await database?.close();
  await smtp?.close();
});

async function mentionFor(email: string, name: string) {
  const user = await database.prisma.user.findUniqueOrThrow({ where: { email } });
  return database.prisma.notification.create({ data: { userId: user.id, kind: "mention", params: { name }, link: "/notifications" } });
}

const sentTo = (email: string) => smtp.received.filter((mail) => (mail.to && "text" in mail.to ? mail.to.text : "") === email);

describe(`background jobs on ${databaseKind}`, () => {
  it("keeps a job queued while no process works, and does it once when one starts", async () => {
    const notification = await mentionFor("li.wei@jinan.example", "Karin Berg");
    await enqueue({ name: "deliver-notifications", data: { notificationIds: [notification.id] } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo("li.wei@jinan.example")).toHaveLength(0);

    // A restart: a runner starts on the same database and finds the job.
    const runner = await startJobRunner(database, jobHandlers);
    try {
      await vi.waitFor(() => expect(sentTo("li.wei@jinan.example")).toHaveLength(1), { timeout: 15_000, interval: 100 });
      expect(sentTo("li.wei@jinan.example")[0]!.subject).toBe("Karin Berg在评论中提及了您");
      // Enqueueing the same notification again sends nothing more: it is marked e-mailed.
      await enqueue({ name: "deliver-notifications", data: { notificationIds: [notification.id] } });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(sentTo("li.wei@jinan.example")).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  }, 30_000);

  it("tries a delivery again after the mail server was down, until it goes out", async () => {
    await smtp.close();
    const runner = await startJobRunner(database, jobHandlers, { retryDelaySeconds: 1 });
    try {
      const notification = await mentionFor("wang.fang@jinan.example", "Erik Johansson");
      await enqueue({ name: "deliver-notifications", data: { notificationIds: [notification.id] } });
      // The first attempt fails (nothing listens), and the e-mail stays unsent.
      await vi.waitFor(async () => {
        expect((await database.prisma.notification.findUniqueOrThrow({ where: { id: notification.id } })).emailedAt).toBeNull();
        if (databaseKind === "pglite") expect((await database.prisma.job.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).attempts).toBeGreaterThan(0);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      smtp = await startSmtpServer(smtpPort);
      await vi.waitFor(() => expect(sentTo("wang.fang@jinan.example")).toHaveLength(1), { timeout: 20_000, interval: 200 });
      expect((await database.prisma.notification.findUniqueOrThrow({ where: { id: notification.id } })).emailedAt).not.toBeNull();
    } finally {
      await runner.stop();
    }
  }, 40_000);
});
