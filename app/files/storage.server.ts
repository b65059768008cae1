import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { config } from "~/config.server";

// Where a file's bytes live. By default in the database row (every process sees it); with
// UPLOAD_DIR, in that directory, which all app processes must share (a network volume).

/** The configured shared directory, or null when files go into the database. */
export function uploadDir(): string | null {
  const dir = config().UPLOAD_DIR;
  return dir ? path.resolve(dir) : null;
}

// Keys are made here, never taken from a request; the check guards against a tampered row.
const keyPattern = /^[a-z0-9]{1,64}\/[0-9a-f-]{36}$/;

function fileOf(dir: string, key: string): string {
  if (!keyPattern.test(key)) throw new Error(`Not a storage key: ${key}`);
  return path.join(dir, ...key.split("/"));
}

/**
 * Writes the bytes under a new key: first to a temporary name in the same directory, then renamed,
 * so another process never reads half a file. The caller removes it again if the row is not saved.
 */
export async function writeStoredFile(dir: string, projectId: string, bytes: Uint8Array): Promise<string> {
  const key = `${projectId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 64) || "project"}/${randomUUID()}`;
  const file = fileOf(dir, key);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return key;
}

export async function removeStoredFile(dir: string, key: string): Promise<void> {
  await rm(fileOf(dir, key), { force: true });
}

/**
 * Removes the files of rows that are gone (or were never saved), if files live in UPLOAD_DIR.
 * Called after the commit: a failed removal leaves an unreferenced file, never a row without its bytes.
 */
export async function removeStoredFiles(keys: (string | null)[]): Promise<void> {
  const dir = uploadDir();
  if (!dir) return;
  await Promise.all(
    keys.flatMap((key) => (key ? [removeStoredFile(dir, key).catch((error: unknown) => console.error("Could not remove", key, error))] : [])),
  );
}

/** The stored bytes as a stream for a response, or null when the file is missing. */
export async function readStoredFile(dir: string, key: string): Promise<ReadableStream<Uint8Array> | null> {
  const file = fileOf(dir, key);
  try {
    await stat(file);
  } catch {
    return null;
  }
  return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
}
