import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { config } from "~/config.server";
import { singleton } from "~/utils/singleton.server";
import type { DocumentKind } from "./document-name";

// Rights end when they are taken away, on open editor connections too (docs/roles.md). The domain
// functions that change who may open or write a live text (sign-out, password change, removal, a
// new role, closed minutes…) say so here, once; every collaboration server then checks its open
// connections again at once: closes those no longer allowed, makes read-only those that may only read.

/** Whose access changed: one person's (on every document), or everyone's on some documents. */
export type AccessChange = { userId: string } | { kind: DocumentKind; ids: string[] };

const CHANNEL = "partnership:access-changed";
// How long the changing request waits for Redis to bring the change to this process's own
// collaboration servers before it re-checks them directly (Redis down or slow).
const REDIS_DELIVERY_MS = 2000;

type Reauthorize = (change: AccessChange) => Promise<void>;

/** One collaboration server's end: applies each change once, whichever way it arrives. */
class AccessListener {
  private readonly applied = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly reauthorize: Reauthorize,
    readonly redisUrl: string | undefined,
  ) {}

  deliver(id: string, change: AccessChange): Promise<void> {
    let done = this.applied.get(id);
    if (!done) {
      done = this.reauthorize(change).catch((error: unknown) => console.error("Re-checking open editor connections:", error));
      this.applied.set(id, done);
      // Redis may bring a change after the fallback applied it: remembered a minute, applied once.
      setTimeout(() => this.applied.delete(id), 60_000).unref();
      for (const wake of this.waiting.get(id) ?? []) wake();
      this.waiting.delete(id);
    }
    return done;
  }

  /** Waits for the change to arrive through Redis; applies it directly if it does not in time. */
  async deliverThroughRedis(id: string, change: AccessChange): Promise<void> {
    if (!this.applied.has(id)) {
      const arrived = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), REDIS_DELIVERY_MS);
        const wakers = this.waiting.get(id) ?? [];
        wakers.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
        this.waiting.set(id, wakers);
      });
      if (!arrived) console.error(`Redis did not bring access change ${id} within ${REDIS_DELIVERY_MS} ms; re-checking this process's connections directly`);
    }
    return this.deliver(id, change);
  }
}

const listeners = singleton("access-listeners", () => new Set<AccessListener>());

const publishers = singleton("access-publishers", () => new Map<string, Redis>());

function publisher(redisUrl: string) {
  let client = publishers.get(redisUrl);
  if (!client) {
    client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    client.on("error", (error: Error) => console.error("Redis (access changes):", error.message));
    publishers.set(redisUrl, client);
  }
  return client;
}

/**
 * Says that someone's access changed; resolves when this process's collaboration servers have
 * re-checked the affected connections. With Redis, every server (this process's too) hears it
 * through Redis, so all app processes act on the same message.
 */
export async function accessChanged(change: AccessChange): Promise<void> {
  const id = randomUUID();
  const local = [...listeners];
  const redisUrl = config().REDIS_URL ?? local.find((listener) => listener.redisUrl)?.redisUrl;
  let published = false;
  if (redisUrl) {
    published = await publisher(redisUrl)
      .publish(CHANNEL, JSON.stringify({ id, change }))
      .then(
        () => true,
        (error: unknown) => {
          console.error("Could not publish an access change to Redis:", error);
          return false;
        },
      );
  }
  await Promise.all(local.map((listener) => (published && listener.redisUrl ? listener.deliverThroughRedis(id, change) : listener.deliver(id, change))));
}

function parseMessage(raw: string): { id: string; change: AccessChange } | null {
  try {
    const value = JSON.parse(raw) as { id?: unknown; change?: { userId?: unknown; kind?: unknown; ids?: unknown } };
    const change = value.change;
    if (typeof value.id !== "string" || !change) return null;
    if (typeof change.userId === "string") return { id: value.id, change: { userId: change.userId } };
    if (typeof change.kind === "string" && Array.isArray(change.ids) && change.ids.every((item) => typeof item === "string")) {
      return { id: value.id, change: { kind: change.kind as DocumentKind, ids: change.ids as string[] } };
    }
    return null;
  } catch {
    return null;
  }
}

/** A collaboration server listens from its start to its close; with Redis, to every process. */
export function listenForAccessChanges(reauthorize: Reauthorize, redisUrl: string | undefined): { close(): Promise<void> } {
  const listener = new AccessListener(reauthorize, redisUrl);
  listeners.add(listener);
  const subscriber = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
  if (subscriber) {
    subscriber.on("error", (error: Error) => console.error("Redis (access changes):", error.message));
    subscriber.subscribe(CHANNEL).catch((error: unknown) => console.error("Could not subscribe to access changes:", error));
    subscriber.on("message", (_channel: string, raw: string) => {
      const message = parseMessage(raw);
      if (message) void listener.deliver(message.id, message.change);
    });
  }
  return {
    async close() {
      listeners.delete(listener);
      if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
