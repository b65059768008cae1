// Files benchmark (a script, not a test): how long other requests wait while one person uploads
// or downloads a 20 MB file. Serves the app as `npm start` does, in a process of its own on a fresh
// embedded database (or PostgreSQL with --postgres), uploads a 20 MB PDF to a visit and downloads
// it, each several times, with curl (a process of its own, so that only the server's delays are
// measured), while asking /healthz every 50 ms from this process. Prints the longest and the
// median /healthz answer during each, and how long the transfer took.
// Goal (issue 12): /healthz answers under 200 ms during a 20 MB upload and a 20 MB download.
// Run: npm run bench:files                 (PGlite)
//      npm run bench:files -- --rounds 5
// Only HTTP is used, so the same script measures any version of the app.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { textPdf } from "~/seed/text-pdf";
import { machine, percentile, serveApp, signIn } from "./support";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const PORT = 3193;
const base = `http://127.0.0.1:${PORT}`;
const SIZE = 20 * 1024 * 1024;

async function idsOf(cookie: string): Promise<{ projectId: string; visitId: string }> {
  const page = async (pathname: string) => (await fetch(`${base}${pathname}`, { headers: { cookie } })).text();
  const projectId = /href="\/projects\/([a-z0-9]{20,})"/.exec(await page("/projects"))?.[1];
  if (!projectId) throw new Error("no project found");
  const visitId = new RegExp(`href="/projects/${projectId}/visits/([a-z0-9]{20,})"`).exec(await page(`/projects/${projectId}/visits`))?.[1];
  if (!visitId) throw new Error("no visit found");
  return { projectId, visitId };
}

/** /healthz every 50 ms while `work` runs: the answers' times (ms) and the work's own time. */
async function healthDuring(work: () => Promise<void>) {
  const timings: number[] = [];
  let dropped = 0;
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      // A server stalled past its keep-alive time drops the connection: counted, timed until then.
      await fetch(`${base}/healthz`).then(
        (response) => response.arrayBuffer(),
        () => dropped++,
      );
      timings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 60));
  const started = performance.now();
  await work();
  const took = performance.now() - started;
  done = true;
  await probe;
  timings.sort((a, b) => a - b);
  return { took, max: timings.at(-1) ?? NaN, p50: percentile(timings, 50), count: timings.length, dropped };
}

const ms = (value: number) => `${Math.round(value)} ms`;

function curl(curlArgs: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("curl", ["--silent", "--show-error", ...curlArgs], { maxBuffer: 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-files-"));
  const server = await serveApp(PORT, { DATA_DIR: dataDir, DATABASE_URL: "", UPLOAD_DIR: "" });
  try {
    const cookie = await signIn(base, "karin@vasteras.example");
    const { projectId, visitId } = await idsOf(cookie);
    const bytes = new Uint8Array(SIZE);
    bytes.set(textPdf(["20 MB"]));
    const source = path.join(dataDir, "bench.pdf");
    const target = path.join(dataDir, "downloaded.pdf");
    writeFileSync(source, bytes);
    console.log(`Files benchmark — ${machine()}, embedded database, ${args.rounds} rounds of a 20 MB PDF`);
    for (let round = 1; round <= Number(args.rounds); round++) {
      let url = "";
      const upload = await healthDuring(async () => {
        const answer = await curl([
          ...["-H", `cookie: ${cookie}`, "-H", `origin: ${base}`, "-H", "accept: application/json"],
          ...["-F", "target=visit", "-F", `targetId=${visitId}`, "-F", `file=@${source};type=application/pdf;filename=bench-${round}.pdf`],
          `${base}/projects/${projectId}/files`,
        ]);
        url = (JSON.parse(answer) as { attachments: { url: string }[] }).attachments[0]!.url;
      });
      const download = await healthDuring(async () => {
        await curl(["-H", `cookie: ${cookie}`, "-o", target, `${base}${url}`]);
        if (statSync(target).size !== SIZE) throw new Error(`downloaded ${statSync(target).size} bytes`);
      });
      console.log(
        `round ${round}: upload ${ms(upload.took)}, /healthz max ${ms(upload.max)} (p50 ${ms(upload.p50)}, ${upload.count} answers, ${upload.dropped} dropped); ` +
          `download ${ms(download.took)}, /healthz max ${ms(download.max)} (p50 ${ms(download.p50)}, ${download.count} answers, ${download.dropped} dropped)`,
      );
    }
  } finally {
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
