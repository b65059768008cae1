import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { config } from "~/config.server";

// Where a file's bytes live: in UPLOAD_DIR, by default `DATA_DIR/files`. With several app
// processes it must be one directory they all share (a network volume). Files are read and written
// as streams, never through the database: a 20 MB value through the embedded database holds every
// other request. Rows of older workspaces may still carry their bytes in `data`; those are served
// from the row (app/files/attachments.server.ts).

/** The directory of stored files. */
export function uploadDir(): string {
  const { UPLOAD_DIR, DATA_DIR } = config();
  return path.resolve(UPLOAD_DIR ?? path.join(DATA_DIR, "files"));
}

/** Uploads being received, in the same file system as the stored files so they move by a rename. */
export function incomingDir(): string {
  return path.join(uploadDir(), ".incoming");
}

// Keys are made here, never taken from a request; the check guards against a tampered row.
const keyPattern = /^[a-z0-9]{1,64}\/[0-9a-f-]{36}$/;

function fileOf(dir: string, key: string): string {
  if (!keyPattern.test(key)) throw new Error(`Not a storage key: ${key}`);
  return path.join(dir, ...key.split("/"));
}

/**
 * Moves a received file (complete, checked) under a new key: a rename, so another process never
 * reads half a file. The caller removes it again if the row is not saved.
 */
export async function storeReceivedFile(projectId: string, receivedPath: string): Promise<string> {
  const key = `${projectId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 64) || "project"}/${randomUUID()}`;
  const file = fileOf(uploadDir(), key);
  await mkdir(path.dirname(file), { recursive: true });
  await rename(receivedPath, file);
  return key;
}

/**
 * Removes the files of rows that are gone (or were never saved). Called after the commit: a failed
 * removal leaves an unreferenced file, never a row without its bytes.
 */
export async function removeStoredFiles(keys: (string | null)[]): Promise<void> {
  const dir = uploadDir();
  await Promise.all(
    keys.flatMap((key) => (key ? [rm(fileOf(dir, key), { force: true }).catch((error: unknown) => console.error("Could not remove", key, error))] : [])),
  );
}

/** The stored bytes as a stream for a response, or null when the file is missing. */
export async function readStoredFile(key: string): Promise<ReadableStream<Uint8Array> | null> {
  const file = fileOf(uploadDir(), key);
  try {
    await stat(file);
  } catch {
    return null;
  }
  return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
}

/** Uploads left half-received by a stopped process, older than `olderThan`. */
export async function removeStaleIncoming(olderThan: Date): Promise<number> {
  const dir = incomingDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < olderThan) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
