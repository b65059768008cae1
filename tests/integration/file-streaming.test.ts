import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "~/files/limits";
import { incomingDir } from "~/files/storage.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { pdf } from "../support/files";

// Issue 12, item 15: on the embedded database a 20 MB upload held every other request for 12–15 s
// and each download of it about 5.5 s. Files now stream to and from disk. While one person uploads
// or downloads 20 MB, /healthz (a database round trip) is asked every 50 ms and must answer each
// time within 200 ms, the bound: generous for a local answer that takes a few milliseconds,
// far below the stalls it replaces. The server runs in this process, so a blocked event loop delays
// these probes exactly as it would delay another person's page. The file is sent from disk in
// network-sized pieces, as a browser sends it, so that the sending side adds no work of its own.

const BOUND_MS = 200;

let app: TestApp;
let karin: TestClient;
let projectId: string;
let visitId: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "partnership-streaming-"));
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  visitId = (await prisma.visit.findFirstOrThrow({ where: { projectId }, orderBy: { startDate: "asc" } })).id;
  karin = await signedIn(app.url, "karin@vasteras.example");
  // A fresh process's first answers compile their code paths; that is not what is measured.
  await (await fetch(`${app.url}/healthz`)).arrayBuffer();
  const form = new FormData();
  form.set("target", "visit");
  form.set("targetId", visitId);
  form.append("file", new File([pdf("warm-up") as Uint8Array<ArrayBuffer>], "warm-up.pdf", { type: "application/pdf" }));
  expect((await karin.post(`/projects/${projectId}/files`, form, { accept: "application/json" })).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `work` while asking /healthz every 50 ms: the time each answer took (ms) and what it was (its
 * status, or the error when a stalled server dropped the connection).
 */
async function healthDuring<T>(work: () => Promise<T>): Promise<{ result: T; timings: number[]; answers: (number | string)[] }> {
  const timings: number[] = [];
  const answers: (number | string)[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      answers.push(
        await fetch(`${app.url}/healthz`).then(
          async (response) => (await response.arrayBuffer(), response.status),
          (error: unknown) => String(error),
        ),
      );
      timings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  // Let the first probe go out before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 60));
  try {
    return { result: await work(), timings, answers };
  } finally {
    done = true;
    await probe;
  }
}

function expectAnsweredInTime({ timings, answers }: { timings: number[]; answers: (number | string)[] }) {
  expect(timings.length).toBeGreaterThan(0);
  expect(Math.max(...timings), `answers took ${timings.map(Math.round).join(", ")} ms`).toBeLessThan(BOUND_MS);
  expect(answers.filter((answer) => answer !== 200)).toEqual([]);
}

/** 20 MB that the type check takes for a PDF, in a file. */
function twentyMegabytes(): string {
  const bytes = new Uint8Array(MAX_FILE_BYTES);
  bytes.set(pdf("20 MB"));
  const file = path.join(dir, "programme.pdf");
  writeFileSync(file, bytes);
  return file;
}

/** A multipart upload as a browser sends it: the fields, then the file streamed from disk. */
async function uploadFile(file: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
  const boundary = `----partnership${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Programme 20 MB.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + MAX_FILE_BYTES + tail.length;
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}/projects/${projectId}/files`, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(length),
        cookie: `__session=${karin.cookie("__session")}`,
        origin: app.url,
        accept: "application/json",
      },
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    pipeline(
      Readable.from(
        (async function* () {
          yield head;
          yield* createReadStream(file);
          yield tail;
        })(),
      ),
      request,
    ).catch(reject);
  });
}

describe("a 20 MB file does not hold other requests", () => {
  let file: string;
  beforeAll(() => {
    file = twentyMegabytes();
  });

  it("while it is uploaded, /healthz answers within 200 ms every time", async () => {
    const probed = await healthDuring(async () => {
      const response = await uploadFile(file, { target: "visit", targetId: visitId });
      expect(response.status, response.body).toBe(201);
      return (JSON.parse(response.body) as { attachments: { size: number }[] }).attachments[0]!;
    });
    expect(probed.result.size).toBe(MAX_FILE_BYTES);
    expectAnsweredInTime(probed);
  });

  it("while it is downloaded, /healthz answers within 200 ms every time", async () => {
    const uploaded = await uploadFile(file, { target: "visit", targetId: visitId });
    expect(uploaded.status, uploaded.body).toBe(201);
    const { url } = (JSON.parse(uploaded.body) as { attachments: { url: string }[] }).attachments[0]!;
    const probed = await healthDuring(async () => {
      const response = await karin.get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(MAX_FILE_BYTES));
      return (await response.arrayBuffer()).byteLength;
    });
    expect(probed.result).toBe(MAX_FILE_BYTES);
    expectAnsweredInTime(probed);
  });

  it("an upload cut off halfway (a dropped link) leaves no file and no row behind", async () => {
    const rows = await app.database.prisma.attachment.count();
    const boundary = "----partnershipcutoff";
    const request = httpRequest(`${app.url}/projects/${projectId}/files`, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(MAX_FILE_BYTES + 1000),
        cookie: `__session=${karin.cookie("__session")}`,
        origin: app.url,
        accept: "application/json",
      },
    });
    request.on("error", () => undefined); // the connection is cut on purpose
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nvisit\r\n`);
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="targetId"\r\n\r\n${visitId}\r\n`);
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    request.write(Buffer.from(pdf("cut")));
    await new Promise<void>((resolve) => request.write(Buffer.alloc(5 * 1024 * 1024), () => resolve()));
    // The half-received file exists while the request is open…
    await expect.poll(() => existsSync(incomingDir()) && readdirSync(incomingDir()).length, { timeout: 5_000 }).toBe(1);
    request.destroy();
    // …and is gone once the connection drops.
    await expect.poll(() => readdirSync(incomingDir()).length, { timeout: 5_000 }).toBe(0);
    expect(await app.database.prisma.attachment.count()).toBe(rows);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
