// An open-loop load: requests leave on a fixed schedule whether or not earlier ones have been
// answered, as 50 people each opening a page once a second do. (A loop that waits for each answer
// before the next request slows down with the server and hides its queue: coordinated omission.)
// Latency counts from when a request was due, not from when it was sent.
import http from "node:http";
import { percentile } from "./support";

export type LoadResult = { requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number; max: number };

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

function get(agent: http.Agent, url: URL, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { cookie, "accept-encoding": "gzip" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** `users` people, each asking for `url` every `everyMs`, for `seconds`; arrivals spread evenly. */
export async function openLoop(url: string, cookie: string, users: number, seconds: number, everyMs = 1000): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: users * 4 });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const total = Math.floor((seconds * 1000) / everyMs) * users;
  const gap = everyMs / users;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      get(agent, target, cookie).then(
        (status) => {
          if (status !== 200) errors++;
          latencies.push(performance.now() - due);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return summarise(latencies, errors, seconds);
}

/** `users` loops back to back (each asks again as soon as it has an answer): the most the server gives. */
export async function saturate(url: string, cookie: string, users: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: users });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        try {
          if ((await get(agent, target, cookie)) !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, errors, seconds);
}
