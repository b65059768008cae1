import PgBoss from "pg-boss";
import { currentDatabase, type Database } from "~/db/db.server";
import { singleton } from "~/utils/singleton.server";
import { jobNames, type Job, type JobHandlers, type JobName } from "./jobs";

// One way to run background work, kept in the database so each job runs once and none is lost in
// a restart: pg-boss on PostgreSQL (several app processes share the queue), and on the embedded
// PGlite database a Job table that the one process works through with the same handlers.

const SCHEDULE_MINUTES = 10;
const RETRY_LIMIT = 5;
const KEEP_DONE_DAYS = 7;

export type JobRunnerOptions = {
  /** Enqueue the due-date reminders and digests every ten minutes. */
  schedule?: boolean;
  /** First retry delay; doubles with each attempt. */
  retryDelaySeconds?: number;
};

export type JobRunner = { stop(): Promise<void> };

type Running = { database: Database; wake(name: JobName): void };

const state = singleton("jobs", () => ({
  runners: new Set<Running>(),
  /** Send-only pg-boss instances for processes (or moments) without a runner, by connection string. */
  senders: new Map<string, Promise<PgBoss>>(),
  retryDelaySeconds: 30,
}));

/** Queues background work. Returns once the job is stored; a runner (this process or another) does it. */
export function enqueue(job: Job): Promise<void> {
  return enqueueOn(currentDatabase(), job);
}

async function enqueueOn(database: Database, job: Job) {
  if (database.kind === "postgres") {
    const boss = await senderFor(database);
    await boss.send(job.name, job.data, { retryLimit: RETRY_LIMIT, retryDelay: state.retryDelaySeconds, retryBackoff: true });
  } else {
    await database.prisma.job.create({ data: { name: job.name, data: job.data } });
  }
  for (const runner of state.runners) if (runner.database === database) runner.wake(job.name);
}

/** Starts doing the queued work of this database in this process, until `stop()`. */
export async function startJobRunner(database: Database, handlers: JobHandlers, options: JobRunnerOptions = {}): Promise<JobRunner> {
  if (options.retryDelaySeconds !== undefined) state.retryDelaySeconds = options.retryDelaySeconds;
  return database.kind === "postgres" ? startBossRunner(database, handlers, options) : startEmbeddedRunner(database, handlers, options);
}

function bossOptions(database: Database, extra: PgBoss.ConstructorOptions): PgBoss.ConstructorOptions {
  if (!database.url) throw new Error("pg-boss needs the PostgreSQL connection string");
  return { connectionString: database.url, schema: "pgboss", max: 4, application_name: "partnership-jobs", ...extra };
}

async function startBoss(options: PgBoss.ConstructorOptions) {
  const boss = new PgBoss(options);
  boss.on("error", (error) => console.error("Job queue:", error));
  await boss.start();
  for (const name of jobNames) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: RETRY_LIMIT, retryBackoff: true });
  }
  return boss;
}

function senderFor(database: Database): Promise<PgBoss> {
  const url = database.url!;
  let sender = state.senders.get(url);
  if (!sender) {
    sender = startBoss(bossOptions(database, { supervise: false, schedule: false }));
    sender.catch(() => state.senders.delete(url));
    state.senders.set(url, sender);
  }
  return sender;
}

async function startBossRunner(database: Database, handlers: JobHandlers, options: JobRunnerOptions): Promise<JobRunner> {
  const boss = await startBoss(bossOptions(database, { schedule: options.schedule ?? false }));
  const workers = new Map<JobName, string>();
  for (const name of jobNames) {
    const handler = handlers[name] as (data: unknown) => Promise<void>;
    const id = await boss.work<unknown>(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
      if (job) await handler(job.data);
    });
    workers.set(name, id);
  }
  // pg-boss sends each cron slot once, however many processes run it.
  if (options.schedule) await boss.schedule("scheduled-work", `*/${SCHEDULE_MINUTES} * * * *`, {}, { tz: "UTC" });
  const running: Running = {
    database,
    wake(name) {
      const id = workers.get(name);
      if (id) boss.notifyWorker(id);
    },
  };
  state.runners.add(running);
  return {
    async stop() {
      state.runners.delete(running);
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
      const sender = state.senders.get(database.url!);
      if (sender) {
        state.senders.delete(database.url!);
        await (await sender).stop({ graceful: false, wait: true }).catch(() => {});
      }
    },
  };
}

async function startEmbeddedRunner(database: Database, handlers: JobHandlers, options: JobRunnerOptions): Promise<JobRunner> {
  const prisma = database.prisma;
  // One process owns the embedded database (its data directory is locked), so work that was under
  // way when it last stopped was interrupted and is done again.
  await prisma.job.updateMany({ where: { state: "active" }, data: { state: "queued" } });

  let draining: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function runOne(): Promise<boolean> {
    const next = await prisma.job.findFirst({ where: { state: "queued", runAfter: { lte: new Date() } }, orderBy: { createdAt: "asc" } });
    if (!next) return false;
    const { count } = await prisma.job.updateMany({
      where: { id: next.id, state: "queued" },
      data: { state: "active", startedAt: new Date(), attempts: { increment: 1 } },
    });
    if (count !== 1) return true;
    const handler = handlers[next.name as JobName] as ((data: unknown) => Promise<void>) | undefined;
    try {
      if (!handler) throw new Error(`No handler for job "${next.name}"`);
      await handler(next.data);
      await prisma.job.update({ where: { id: next.id }, data: { state: "done", finishedAt: new Date(), lastError: null } });
    } catch (error) {
      const attempts = next.attempts + 1;
      const retry = handler !== undefined && attempts <= RETRY_LIMIT;
      await prisma.job.update({
        where: { id: next.id },
        data: {
          state: retry ? "queued" : "failed",
          runAfter: new Date(Date.now() + state.retryDelaySeconds * 1000 * 2 ** (attempts - 1)),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
          finishedAt: retry ? null : new Date(),
        },
      });
      console.error(`Job "${next.name}" failed (attempt ${attempts}${retry ? ", tried again later" : ", given up"}):`, error);
    }
    return true;
  }

  function drain() {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        while (!stopped && (await runOne())) {
          // next job
        }
      } while (again && !stopped);
    })()
      .catch((error: unknown) => console.error("Job queue:", error))
      .finally(() => {
        draining = undefined;
      });
  }

  const running: Running = { database, wake: drain };
  state.runners.add(running);
  // Retries fall due while nothing is enqueued, so look now and then as well.
  const poll = setInterval(drain, 5_000);
  poll.unref();
  const schedule = options.schedule
    ? setInterval(() => {
        void enqueueOn(database, { name: "scheduled-work", data: {} }).catch((error: unknown) => console.error("Job queue:", error));
        void prisma.job
          .deleteMany({ where: { state: "done", finishedAt: { lt: new Date(Date.now() - KEEP_DONE_DAYS * 86_400_000) } } })
          .catch(() => {});
      }, SCHEDULE_MINUTES * 60_000)
    : undefined;
  schedule?.unref();
  drain();

  return {
    async stop() {
      stopped = true;
      state.runners.delete(running);
      clearInterval(poll);
      clearInterval(schedule);
      await draining;
    },
  };
}
