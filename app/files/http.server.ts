import { getUser } from "~/auth/session.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import type { OpenedAttachment } from "./attachments.server";

// How files and refusals go over HTTP: the file routes are resource routes (no page around them),
// so their answers are made here rather than by the app's error page.

// What a browser shows in the tab; everything else is downloaded. HEIC is not shown by most browsers.
const inlineTypes = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"]);

/** RFC 6266 / 8187: an ASCII name for old clients and the exact UTF-8 name (中文, å) for the rest. */
export function contentDisposition(disposition: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The file as stored; `X-Content-Type-Options: nosniff` is on every answer already (server/app.ts). */
export function fileResponse(request: Request, file: OpenedAttachment): Response {
  const etag = `"${file.sha256}"`;
  const inline = inlineTypes.has(file.contentType);
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
    // A file's bytes never change under its address; only its own reader's browser keeps it.
    "Cache-Control": "private, max-age=86400",
    ETag: etag,
  });
  // Chromium's PDF viewer does not run in a sandboxed document; every other file gets no script at all.
  if (file.contentType !== "application/pdf") headers.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  if (request.headers.get("if-none-match")?.split(/\s*,\s*/).includes(etag)) {
    if (file.body instanceof ReadableStream) void file.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.size));
  return new Response(file.body, { headers });
}

/** The status of a refusal thrown by a guard as `data(…, { status })`, or null for anything else. */
export function thrownStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null || (error as { type?: unknown }).type !== "DataWithResponseInit") return null;
  const status = (error as { init?: { status?: unknown } | null }).init?.status;
  return typeof status === "number" ? status : null;
}

export function wantsJson(request: Request): boolean {
  return /\bapplication\/json\b/.test(request.headers.get("accept") ?? "");
}

/** A refusal in the reader's language: JSON for scripts, a line of text for a browser. */
export async function refusalResponse(request: Request, status: number, key: `errors:${string}`, field = "form"): Promise<Response> {
  const lang = await resolveLanguage(request, await getUser(request));
  const message = tFor(lang)(key);
  if (wantsJson(request)) return Response.json({ errors: { [field]: key }, message }, { status });
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": lang } });
}
