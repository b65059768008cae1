import type { PrismaClient } from "~/generated/prisma/client";
import { singleton } from "~/utils/singleton.server";

// A count of the writes this process has made. Whatever is read on every page and changes only
// when someone writes (the bell's count of what awaits a person) may be kept while the count
// stays the same. The count moves after each write operation, and also when the process changes
// database (tests).

const state = singleton("database-writes", () => ({ generation: 0 }));

export function noteWrite() {
  state.generation++;
}

const writeOperations = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
  // Raw queries write too (an INSERT … RETURNING): counted as writes, the safe side.
  "$queryRaw",
  "$queryRawUnsafe",
]);

/**
 * The client that notes each write once it is done. A write inside a transaction is noted before
 * its commit, so a reader between the two may keep what it read a little longer: those who keep
 * things also bound how long (app/home/agenda.server.ts).
 */
export function noteWrites(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      async $allOperations({ operation, args, query }) {
        try {
          return await query(args);
        } finally {
          if (writeOperations.has(operation)) noteWrite();
        }
      },
    },
  }) as unknown as PrismaClient;
}

type Kept = { value: unknown; generation: number; at: number };
const kept = singleton("kept-until-written", () => new Map<string, Kept>());

/**
 * What `compute` returns for `key`, kept while this process writes nothing and for at most
 * `maxAgeMs` (writes by another process, a read inside another's uncommitted transaction, the
 * clock): for what every page reads and only a write changes (decision 032). A value computed while
 * someone wrote is not reused.
 */
export async function keptUntilWritten<T>(key: string, maxAgeMs: number, compute: () => Promise<T>): Promise<T> {
  const generation = state.generation;
  const at = Date.now();
  const known = kept.get(key);
  if (known && known.generation === generation && at - known.at < maxAgeMs) return known.value as T;
  const value = await compute();
  if (kept.size > 10_000) kept.clear(); // a bound, far above the people and projects of a workspace
  kept.set(key, { value, generation, at });
  return value;
}
