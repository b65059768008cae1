// The embedded database as the server opens it (decision 012): PGlite in a worker thread, reached
// through the adapter that forwards Prisma's calls as messages. A fresh data directory, migrated
// here, then Prisma's whole range: values of every kind, errors, transactions, and the thread's end.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/db.server";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, diffToSchema } from "~/db/migrations.server";
import { PGliteWorkerAdapterFactory } from "~/db/pglite-worker.server";
import { Prisma } from "~/generated/prisma/client";

let database: Database;
let factory: PGliteWorkerAdapterFactory;
const dataDirs: string[] = [];
const newDataDir = () => (dataDirs.push(mkdtempSync(path.join(os.tmpdir(), "partnership-worker-"))), dataDirs.at(-1)!);

beforeAll(async () => {
  database = await openDatabase({ dataDir: newDataDir() });
  factory = database.adapterFactory as PGliteWorkerAdapterFactory;
});
afterAll(async () => {
  await database?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const project = (title: string) => ({
  titles: { sv: title },
  originalLang: "sv" as const,
  grantAmount: new Prisma.Decimal("275000.50"),
  startDate: new Date("2025-03-01T00:00:00Z"),
  endDate: new Date("2026-02-28T00:00:00Z"),
});

describe("PGlite in its worker thread", () => {
  it("runs in a worker thread, not on this one", () => {
    expect(factory).toBeInstanceOf(PGliteWorkerAdapterFactory);
    expect(factory.threadId).toBeGreaterThan(0);
    expect(database.kind).toBe("pglite");
    expect(database.pglite).toBeUndefined();
  });

  it("applies the migrations, with no drift from schema.prisma (the shadow database included)", async () => {
    const applied = await applyMigrations(database.adapterFactory);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort());
    expect(await applyMigrations(database.adapterFactory, DEFAULT_MIGRATIONS_DIR)).toEqual([]);
    expect(await diffToSchema(database.adapterFactory, { from: "database" })).toBe("");
    expect(await diffToSchema(database.adapterFactory, { from: "migrations" })).toBe("");
  });

  it("reports a failing migration script as the database's error", async () => {
    const adapter = await database.adapterFactory.connect();
    await expect(adapter.executeScript(`CREATE TABLE "WorkerScript" (id int); SELECT * FROM "NoSuchTable";`)).rejects.toMatchObject({
      name: "DriverAdapterError",
      cause: { kind: "postgres", code: "42P01" },
    });
    // A script runs whole: the statement before the failing one is rolled back with it.
    const [{ present }] = await database.prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('public."WorkerScript"') IS NOT NULL AS present`;
    expect(present).toBe(false);
  });

  it("writes and reads dates, decimals, bytes and JSON", async () => {
    const created = await database.prisma.project.create({ data: project("Worker values") });
    const read = await database.prisma.project.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.grantAmount).toBeInstanceOf(Prisma.Decimal);
    expect(read.grantAmount.toFixed(2)).toBe("275000.50");
    expect(read.startDate).toEqual(new Date("2025-03-01T00:00:00Z"));
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(read.createdAt.getTime() - Date.now())).toBeLessThan(60_000);

    // A Y.js update's size and more: every byte value, in a buffer of its own.
    const bytes = new Uint8Array(1_500_000).map((_, index) => (index * 7919) % 256);
    const update = await database.prisma.collabUpdate.create({ data: { documentName: "plan.worker.sv", update: bytes } });
    const [readUpdate] = await database.prisma.collabUpdate.findMany({ where: { id: update.id } });
    expect(readUpdate.update).toBeInstanceOf(Uint8Array);
    expect(readUpdate.update.byteLength).toBe(bytes.byteLength);
    expect(Buffer.from(readUpdate.update).equals(Buffer.from(bytes))).toBe(true);
    expect(bytes.byteLength).toBe(1_500_000); // what was sent is still the caller's

    const user = await database.prisma.user.create({ data: { email: "json@worker.example", name: "Json", passwordHash: "x" } });
    const params = { title: "Förstudie 预研究", amount: 1.5, list: [1, "två", null], nested: { ok: true } };
    await database.prisma.notification.create({ data: { userId: user.id, kind: "mention", params, link: "/x" } });
    const notification = await database.prisma.notification.findFirstOrThrow({ where: { userId: user.id } });
    expect(notification.params).toEqual(params);

    // A joined read (relationJoins: one statement building nested rows as JSON).
    const withNotifications = await database.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { email: true, notifications: { select: { params: true } } },
      relationLoadStrategy: "join",
    });
    expect(withNotifications.notifications.map((item) => item.params)).toEqual([params]);
  });

  it("reports a unique violation as Prisma's P2002", async () => {
    await database.prisma.organisation.create({ data: { key: "Worker Kommun", names: { sv: "Worker Kommun" }, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" } });
    const error = await database.prisma.organisation
      .create({ data: { key: "Worker Kommun", names: { sv: "Worker Kommun" }, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("reports a raw query's database error with its code", async () => {
    const error = await database.prisma.$queryRawUnsafe("SELECT * FROM no_such_table").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(String((error as Error).message)).toContain("no_such_table");
  });

  it("writes nothing of a transaction that throws, and all of one that commits", async () => {
    await expect(
      database.prisma.$transaction(async (tx) => {
        await tx.organisation.create({ data: { key: "Rolled back", names: { sv: "Rolled back" }, originalLang: "sv", country: "CN", timeZone: "Asia/Shanghai" } });
        expect(await tx.organisation.count({ where: { key: "Rolled back" } })).toBe(1);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await database.prisma.organisation.count({ where: { key: "Rolled back" } })).toBe(0);

    // A database error inside the transaction rolls back what came before it too.
    await expect(
      database.prisma.$transaction(async (tx) => {
        await tx.organisation.create({ data: { key: "Before the error", names: { sv: "Before the error" }, originalLang: "sv", country: "CN", timeZone: "Asia/Shanghai" } });
        await tx.organisation.create({ data: { key: "Worker Kommun", names: { sv: "Worker Kommun" }, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" } });
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await database.prisma.organisation.count({ where: { key: "Before the error" } })).toBe(0);

    const committed = await database.prisma.$transaction(async (tx) => {
      const organisation = await tx.organisation.create({ data: { key: "Committed", names: { sv: "Committed" }, originalLang: "sv", country: "CN", timeZone: "Asia/Shanghai" } });
      await tx.project.create({ data: { ...project("Committed project"), organisations: { create: { organisationId: organisation.id } } } });
      return organisation.id;
    });
    expect(await database.prisma.projectOrganisation.count({ where: { organisationId: committed } })).toBe(1);
    // The batch form ($transaction([...])) too.
    const [count, created] = await database.prisma.$transaction([
      database.prisma.organisation.count(),
      database.prisma.organisation.create({ data: { key: "Batched", names: { sv: "Batched" }, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" } }),
    ]);
    expect(count).toBeGreaterThan(0);
    expect(created.key).toBe("Batched");
  });

  it("completes queries made while a transaction is open, after it", async () => {
    let outside: Promise<unknown[]> | undefined;
    const order: string[] = [];
    await database.prisma.$transaction(async (tx) => {
      await tx.organisation.create({ data: { key: "During", names: { sv: "During" }, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" } });
      // Queries outside the transaction (other requests of the server) wait for it, not forever.
      outside = Promise.all([
        database.prisma.organisation.findMany({ where: { key: "During" } }).then((rows) => (order.push("outside read"), rows)),
        database.prisma.user.count().then((count) => (order.push("outside count"), [count])),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await tx.organisation.count({ where: { key: "During" } })).toBe(1);
      order.push("transaction");
    });
    const [rows] = (await outside!) as [unknown[], unknown];
    expect(rows).toHaveLength(1); // what the transaction committed
    expect(order[0]).toBe("transaction");
    expect(order).toHaveLength(3);
  });

  it("answers many calls at once", async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, (_, index) => database.prisma.organisation.count({ where: { key: { not: `x${index}` } } })));
    expect(new Set(counts).size).toBe(1);
  });
});

describe("the worker's end", () => {
  it("fails pending and later calls at once when the worker dies, and ends the thread on close()", async () => {
    const other = await openDatabase({ dataDir: newDataDir() });
    const otherFactory = other.adapterFactory as PGliteWorkerAdapterFactory;
    try {
      expect(await other.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      const adapter = await otherFactory.connect();
      // A transaction held open in the worker, and a statement waiting for it there.
      await adapter.startTransaction();
      const pending = adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
      await otherFactory.terminate();
      await expect(pending).rejects.toThrow(/embedded database stopped: its worker thread exited/);
      await expect(other.prisma.$queryRaw`SELECT 1`).rejects.toThrow(/embedded database stopped/);
      expect(otherFactory.threadId).toBe(-1);
    } finally {
      await other.close();
    }
  });

  it("closes PGlite, ends the thread and releases the data directory", async () => {
    const dir = newDataDir();
    const first = await openDatabase({ dataDir: dir });
    const firstFactory = first.adapterFactory as PGliteWorkerAdapterFactory;
    expect(firstFactory.threadId).toBeGreaterThan(0);
    const lockFile = path.join(dir, "pglite.pid");
    expect(readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    await first.prisma.organisation.count().catch(() => 0); // not migrated: any answer will do
    await first.close();
    expect(firstFactory.threadId).toBe(-1);
    expect(firstFactory.stopped).toBe(true);
    await expect(first.prisma.$queryRaw`SELECT 1`).rejects.toThrow(/embedded database is closed/);
    expect(existsSync(lockFile)).toBe(false);
    await first.close(); // twice is harmless

    // Closed cleanly: the same directory opens again (on this thread, as the backup script opens it).
    const again = await openDatabase({ dataDir: dir, thread: "main" });
    try {
      expect(again.pglite).toBeDefined();
      expect(await again.prisma.$queryRaw`SELECT 2 AS two`).toEqual([{ two: 2 }]);
    } finally {
      await again.close();
    }
  });
});
