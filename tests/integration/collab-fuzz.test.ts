import fc from "fast-check";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES } from "~/collab/limits";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { WebSocket } from "ws";
import { collabUrl, openSynced, planDoc, startCollabApp, waitUntil, type CollabApp } from "../support/collab";

// Websocket fuzzing: whatever arrives on /collab — malformed frames before any sign-in, messages
// past the size limit, garbage in Hocuspocus's protocol, sockets that never sign in — closes that
// one socket at most. After each, the process still serves /healthz and a signed-in writer syncs.

const AUTHENTICATION_TIMEOUT_MS = 1000;
let app: CollabApp;
let karinCookie: string;
let sectionId: string;

beforeAll(async () => {
  app = await startCollabApp({ collabDebounceMs: 200, collabAuthenticationTimeoutMs: AUTHENTICATION_TIMEOUT_MS });
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } }, include: { planSections: true } });
  sectionId = project.planSections.find((section) => section.kind === "background")!.id;
  karinCookie = await app.sessionCookie("karin@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

/** The process is up, /healthz answers, and a writer still opens and syncs a text. */
async function stillServing() {
  const health = await fetch(new URL("/healthz", app.url));
  expect(health.status).toBe(200);
  await health.text();
  const client = await openSynced(app.url, planDoc(sectionId, "sv"), karinCookie);
  try {
    expect(client.text()).toContain("kontaktcenter");
  } finally {
    client.destroy();
  }
}

type RawSocket = { socket: net.Socket; closed: Promise<void>; isClosed(): boolean };

/** A TCP connection upgraded to a websocket by hand, so that any bytes can follow. */
async function rawUpgrade(options: { host?: string } = {}): Promise<RawSocket & { status: string }> {
  const port = new URL(app.url).port;
  const socket = net.connect(Number(port), "127.0.0.1");
  socket.on("error", () => {});
  let closed = false;
  const closedPromise = new Promise<void>((resolve) => socket.once("close", () => ((closed = true), resolve())));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write(
    [
      "GET /collab HTTP/1.1",
      `Host: ${options.host ?? `127.0.0.1:${port}`}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      "",
      "",
    ].join("\r\n"),
  );
  const status = await new Promise<string>((resolve) => {
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      if (head.includes("\r\n\r\n")) {
        socket.off("data", onData);
        resolve(head.split("\r\n")[0]!);
      }
    };
    socket.on("data", onData);
    socket.once("close", () => resolve(head.split("\r\n")[0] ?? ""));
  });
  // Whatever the server sends later (a close frame) is read and dropped.
  socket.on("data", () => {});
  return { socket, status, closed: closedPromise, isClosed: () => closed };
}

const mask = Buffer.from([0x11, 0x22, 0x33, 0x44]);

/** A client frame, masked as a client must, with the given first byte and payload. */
function maskedFrame(firstByte: number, payload: Buffer) {
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([firstByte, 0x80 | payload.length]), mask, masked]);
}

const malformedFrames: Record<string, Buffer> = {
  "an unmasked frame": Buffer.from([0x82, 0x03, 0x01, 0x02, 0x03]),
  "a reserved data opcode (3)": maskedFrame(0x83, Buffer.from([1, 2, 3])),
  "a reserved control opcode (0xB)": maskedFrame(0x8b, Buffer.from([])),
  "RSV1 set without compression": maskedFrame(0xc2, Buffer.from([1, 2, 3])),
  "RSV2 set": maskedFrame(0xa2, Buffer.from([1, 2, 3])),
  "RSV3 set": maskedFrame(0x92, Buffer.from([1, 2, 3])),
  "a header announcing 2^40 bytes": Buffer.concat([Buffer.from([0x82, 0x80 | 127, 0, 0, 0x01, 0, 0, 0, 0, 0]), mask]),
  "a header announcing 2^63 bytes": Buffer.concat([Buffer.from([0x82, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 0]), mask]),
  "a control frame of 126 bytes": Buffer.concat([Buffer.from([0x89, 0x80 | 126, 0, 126]), mask, Buffer.alloc(126)]),
  "a fragmented ping": maskedFrame(0x09, Buffer.from([1])),
  "a continuation without a start": maskedFrame(0x80, Buffer.from([1, 2])),
  "a close frame with an invalid code": maskedFrame(0x88, Buffer.from([0x03, 0xe7])),
  "text that is not UTF-8": maskedFrame(0x81, Buffer.from([0xff, 0xfe, 0xfd])),
};

// lib0's encoding, as Hocuspocus messages use it: variable-length unsigned integers and strings.
function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}
const varBytes = (bytes: Uint8Array | number[]) => [...varUint(bytes.length), ...bytes];
const varString = (text: string) => varBytes([...Buffer.from(text, "utf8")]);
const authMessage = (documentName: string) => Uint8Array.from([...varString(documentName), ...varUint(2), ...varUint(0), ...varString("token")]);

/** A `ws` client with Karin's cookie (or none), open. */
async function openSocket(cookie?: string): Promise<WebSocket> {
  const ws = new WebSocket(collabUrl(app.url), cookie ? { headers: { cookie } } : {});
  ws.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("close", () => reject(new Error("closed before it opened")));
  });
  return ws;
}

const closeOf = (ws: WebSocket) =>
  new Promise<number>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    ws.once("close", (code) => resolve(code));
  });

describe("websocket fuzzing", () => {
  it("closes the socket on each malformed frame sent before any sign-in, and keeps serving", async () => {
    for (const [name, frame] of Object.entries(malformedFrames)) {
      const raw = await rawUpgrade();
      expect(raw.status, name).toBe("HTTP/1.1 101 Switching Protocols");
      raw.socket.write(frame);
      await Promise.race([raw.closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
      expect(raw.isClosed(), `${name}: the server closed the socket`).toBe(true);
    }
    await stillServing();
  });

  it("answers an upgrade whose Host makes no address with an error, not an exception", async () => {
    for (const host of ["a b", "[", "exa mple:99999"]) {
      const raw = await rawUpgrade({ host });
      expect(raw.status).not.toBe("HTTP/1.1 101 Switching Protocols");
      await raw.closed;
    }
    await stillServing();
  });

  it("closes a socket sending a message over the limit (12 MB), signed in or not", async () => {
    expect(MAX_MESSAGE_BYTES).toBeLessThan(12 * 1024 * 1024);
    for (const cookie of [undefined, karinCookie]) {
      const ws = await openSocket(cookie);
      const closed = closeOf(ws);
      if (cookie) ws.send(authMessage(planDoc(sectionId, "sv")));
      ws.send(Buffer.alloc(12 * 1024 * 1024, 0x41));
      expect(await closed).toBe(1009);
    }
    // A frame header announcing 12 MB, with nothing after it: refused from the header alone.
    const raw = await rawUpgrade();
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(12n * 1024n * 1024n);
    raw.socket.write(Buffer.concat([Buffer.from([0x82, 0x80 | 127]), length, mask]));
    await raw.closed;
    await stillServing();
  });

  it("survives garbage Hocuspocus messages, signed in or not", async () => {
    const documentName = planDoc(sectionId, "sv");
    const garbage = fc.oneof(
      // Random bytes.
      fc.uint8Array({ maxLength: 300 }),
      // A document name (real, unknown or huge) and a message type, then random bytes.
      fc
        .tuple(
          fc.constantFrom(documentName, planDoc("doesnotexist", "sv"), "", "x".repeat(100_000), "plan..sv", "\u0000"),
          fc.integer({ min: 0, max: 20 }),
          fc.uint8Array({ maxLength: 200 }),
        )
        .map(([name, type, tail]) => Uint8Array.from([...varString(name), ...varUint(type), ...tail])),
      // Truncated variable-length integers.
      fc.integer({ min: 1, max: 12 }).map((n) => Uint8Array.from(Array.from({ length: n }, () => 0xff))),
      // A sync message whose Y.js update is random.
      fc
        .tuple(fc.constantFrom(0, 1, 2, 3), fc.uint8Array({ maxLength: 200 }))
        .map(([step, update]) => Uint8Array.from([...varString(documentName), 0, step, ...varBytes(update)])),
      // Authentication for a document that does not exist, or named past any limit.
      fc.constantFrom(authMessage(planDoc("doesnotexist", "sv")), authMessage("minutes.x.xx"), authMessage("y".repeat(1_000_000))),
    );
    for (const cookie of [undefined, karinCookie]) {
      const samples = fc.sample(garbage, { numRuns: 150, seed: cookie ? 12 : 11 });
      let ws = await openSocket(cookie);
      if (cookie) ws.send(authMessage(documentName));
      for (const message of samples) {
        // The server may close a socket that sent garbage: the next message goes on a new one.
        if (ws.readyState !== WebSocket.OPEN) {
          ws = await openSocket(cookie);
          if (cookie) ws.send(authMessage(documentName));
        }
        ws.send(message);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      ws.terminate();
    }
    await stillServing();
  });

  it("closes sockets that never sign in, and only those", async () => {
    const idle = await Promise.all(Array.from({ length: 60 }, () => rawUpgrade()));
    for (const raw of idle) expect(raw.status).toBe("HTTP/1.1 101 Switching Protocols");
    // Some talk without signing in: messages for a document, never its authentication.
    const talking = await Promise.all(Array.from({ length: 5 }, () => openSocket()));
    const talk = setInterval(() => {
      for (const ws of talking) if (ws.readyState === WebSocket.OPEN) ws.send(Uint8Array.from([...varString(planDoc(sectionId, "sv")), 1, 0]));
    }, 100);
    const writer = await openSynced(app.url, planDoc(sectionId, "sv"), karinCookie);
    let writerClosed = false;
    writer.socket.on("close", () => (writerClosed = true));
    try {
      await waitUntil(
        () => idle.every((raw) => raw.isClosed()) && talking.every((ws) => ws.readyState === WebSocket.CLOSED),
        "the sockets that never signed in to close",
        AUTHENTICATION_TIMEOUT_MS + 4000,
      );
      // The signed-in writer's socket stays open (not closed and opened again).
      await new Promise((resolve) => setTimeout(resolve, AUTHENTICATION_TIMEOUT_MS));
      expect(writerClosed).toBe(false);
      expect(writer.connected()).toBe(true);
      writer.type("Efter de tysta anslutningarna");
      await waitUntil(async () => (await app.database.prisma.richText.findFirst({ where: { sectionId, lang: "sv" } }))?.text.includes("Efter de tysta") ?? false, "the writer's text stored");
    } finally {
      clearInterval(talk);
      writer.destroy();
    }
    await stillServing();
  });
});
