import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "~/files/limits";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { pdf } from "../support/files";

// Issue 12, item 15: on the embedded database a 20 MB upload held every other request for 12–15 s
// and each download of it about 5.5 s. Files now stream to and from disk. While one person uploads
// or downloads 20 MB, /healthz (a database round trip) is asked every 50 ms and must answer each
// time within 200 ms, the bound: generous for a local answer that takes a few milliseconds,
// far below the stalls it replaces. The server runs in this process, so a blocked event loop delays
// these probes exactly as it would delay another person's page.

const BOUND_MS = 200;

let app: TestApp;
let karin: TestClient;
let projectId: string;
let visitId: string;

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { title: PRE_STUDY_TITLE } })).id;
  visitId = (await prisma.visit.findFirstOrThrow({ where: { projectId }, orderBy: { startDate: "asc" } })).id;
  karin = await signedIn(app.url, "karin@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

/** Runs `work` while asking /healthz every 50 ms; the time each answer took, in milliseconds. */
async function healthDuring<T>(work: () => Promise<T>): Promise<{ result: T; timings: number[] }> {
  const timings: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${app.url}/healthz`);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      timings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  // Let the first probe go out before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 60));
  try {
    return { result: await work(), timings };
  } finally {
    done = true;
    await probe;
  }
}

/** 20 MB that the type check takes for a PDF. */
function twentyMegabytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(MAX_FILE_BYTES);
  bytes.set(pdf("20 MB"));
  return bytes;
}

describe("a 20 MB file does not hold other requests", () => {
  let url: string;

  it("while it is uploaded, /healthz answers within 200 ms every time", async () => {
    const bytes = twentyMegabytes();
    const { result, timings } = await healthDuring(async () => {
      const form = new FormData();
      form.set("target", "visit");
      form.set("targetId", visitId);
      form.append("file", new File([bytes], "Programme 20 MB.pdf", { type: "application/pdf" }));
      const response = await karin.post(`/projects/${projectId}/files`, form, { accept: "application/json" });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { attachments: { url: string; size: number }[] }).attachments[0]!;
    });
    expect(result.size).toBe(MAX_FILE_BYTES);
    url = result.url;
    expect(timings.length).toBeGreaterThan(0);
    expect(Math.max(...timings), `answers took ${timings.map(Math.round).join(", ")} ms`).toBeLessThan(BOUND_MS);
  });

  it("while it is downloaded, /healthz answers within 200 ms every time", async () => {
    const { result, timings } = await healthDuring(async () => {
      const response = await karin.get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(MAX_FILE_BYTES));
      return (await response.arrayBuffer()).byteLength;
    });
    expect(result).toBe(MAX_FILE_BYTES);
    expect(timings.length).toBeGreaterThan(0);
    expect(Math.max(...timings), `answers took ${timings.map(Math.round).join(", ")} ms`).toBeLessThan(BOUND_MS);
  });
});
