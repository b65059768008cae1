import { Busboy } from "@fastify/busboy";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from "./limits";
import { incomingDir } from "./storage.server";

// An upload as it arrives: every file goes from the request straight to a temporary file beside
// the stored ones, hashed and counted on the way, so a 20 MB upload never sits in memory and the
// event loop only ever touches one network chunk at a time. What to keep is decided afterwards,
// from the files on disk (app/files/attachments.server.ts).

/** A file of the request, on disk under a temporary name until it is stored or discarded. */
export type ReceivedFile = {
  /** As the browser sent it, not yet checked (checkFileName). */
  name: string;
  path: string;
  size: number;
  sha256: string;
  /** Longer than MAX_FILE_BYTES: only the first MAX_FILE_BYTES were kept. */
  tooLarge: boolean;
};

export type ReceivedUpload = {
  fields: FormData;
  files: ReceivedFile[];
  /** More files than MAX_FILES_PER_UPLOAD were sent; the rest were not read. */
  tooManyFiles: boolean;
  /** Removes the temporary files that were not stored. Always call it when done. */
  discard(): Promise<void>;
};

/** The body is not a form that can be read (malformed multipart, a cut connection). */
export class UploadParseError extends Error {}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 4096;

const noFiles = (fields: FormData): ReceivedUpload => ({ fields, files: [], tooManyFiles: false, discard: async () => {} });

/**
 * Reads a form post. Multipart bodies are parsed as a stream (the field `file` may carry files);
 * a small urlencoded form (a removal, a restore) is read as usual.
 */
export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) {
    try {
      return noFiles(await request.formData());
    } catch (error) {
      throw new UploadParseError("Unreadable form", { cause: error });
    }
  }
  const dir = incomingDir();
  await mkdir(dir, { recursive: true });
  const fields = new FormData();
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  const fileStreams: Readable[] = [];
  let tooManyFiles = false;
  let badField = false;
  const discard = () => Promise.all(files.map((file) => rm(file.path, { force: true }))).then(() => undefined);

  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      // The raw name, so that a name with a path in it is refused rather than quietly shortened.
      preservePath: true,
      limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_UPLOAD, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FILES_PER_UPLOAD + MAX_FIELDS },
    });
  } catch (error) {
    // No boundary in the Content-Type: nothing can be read.
    throw new UploadParseError("Not a multipart body", { cause: error });
  }
  parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) badField = true;
    else fields.append(name, value);
  });
  parser.on("filesLimit", () => {
    tooManyFiles = true;
  });
  parser.on("file", (field, stream, filename) => {
    if (field !== "file") {
      stream.resume();
      return;
    }
    const received: ReceivedFile = { name: filename, path: path.join(dir, randomUUID()), size: 0, sha256: "", tooLarge: false };
    files.push(received);
    fileStreams.push(stream);
    const hash = createHash("sha256");
    stream.on("limit", () => {
      received.tooLarge = true;
    });
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        received.size += chunk.length;
        done(null, chunk);
      },
    });
    writes.push(
      pipeline(stream, count, createWriteStream(received.path, { flags: "wx", mode: 0o640 })).then(() => {
        received.sha256 = hash.digest("hex");
      }),
    );
  });

  try {
    // A dropped connection does not end the body: it aborts the request's signal (React Router's
    // Express adapter), which stops the parsing here so the half-received files are removed.
    await pipeline(Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>), parser, { signal: request.signal });
    await Promise.all(writes);
  } catch (error) {
    // A file cut off mid-way never ends by itself: end its write so the file can be removed.
    for (const stream of fileStreams) stream.destroy(new UploadParseError("Upload cut off"));
    await Promise.allSettled(writes);
    await discard();
    throw new UploadParseError("Unreadable upload", { cause: error });
  }
  if (badField) {
    await discard();
    throw new UploadParseError("A form field is too long");
  }
  // A form sent without choosing a file still carries one nameless, empty part: that is "no file".
  const chosen = files.filter((file) => !(file.name === "" && file.size === 0));
  return { fields, files: chosen, tooManyFiles, discard };
}

/** The same for bytes already in hand (the demo workspace, tests): a file as if it was uploaded. */
export async function receiveBytes(name: string, bytes: Uint8Array): Promise<ReceivedFile> {
  const dir = incomingDir();
  await mkdir(dir, { recursive: true });
  const received: ReceivedFile = { name, path: path.join(dir, randomUUID()), size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), tooLarge: bytes.length > MAX_FILE_BYTES };
  await pipeline(Readable.from([bytes]), createWriteStream(received.path, { flags: "wx", mode: 0o640 }));
  return received;
}
