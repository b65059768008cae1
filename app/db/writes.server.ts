import type { PrismaClient } from "~/generated/prisma/client";
import { singleton } from "~/utils/singleton.server";

// A count of the writes this process has made. Whatever is read on every page and changes only
// when someone writes (the bell's count of what awaits a person) may be kept while the count
// stays the same. The count moves after each write operation, and also when the process changes
// database (tests).

const state = singleton("database-writes", () => ({ generation: 0 }));

export function writeGeneration(): number {
  return state.generation;
}

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
