import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "react-router";
import { audit } from "~/audit/audit.server";
import { accessChanged } from "~/collab/access-changes.server";
import { config } from "~/config.server";
import { db } from "~/db/db.server";
import type { Prisma, User } from "~/generated/prisma/client";
import { bellSelect, type BellCounts } from "~/notifications/notifications.server";
import { href, withQuery } from "~/utils/links";

const SESSION_DAYS = 30;

function sessionCookie() {
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: config().sessionSecrets,
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

/** Secure when the request came over HTTPS (directly or through a proxy Express trusts) or PUBLIC_URL is https. */
function isSecure(request: Request) {
  return new URL(request.url).protocol === "https:" || config().PUBLIC_URL?.startsWith("https:") === true;
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "language" | "timeZone" | "isAdmin" | "organisationId">;

const userSelect = {
  id: true,
  email: true,
  name: true,
  language: true,
  timeZone: true,
  isAdmin: true,
  organisationId: true,
} as const;

/** The id of the request's session (whether or not it still exists). */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

// The root, the layout and the page loaders of one request all ask; the database is asked once,
// and the bell's counts come in the same statement.
type RequestFrame = { user: SessionUser; bell: BellCounts } | null;
const framesOfRequest = new WeakMap<Request, Promise<RequestFrame>>();

function requestFrame(request: Request): Promise<RequestFrame> {
  let frame = framesOfRequest.get(request);
  if (!frame) {
    frame = readFrame(request);
    framesOfRequest.set(request, frame);
  }
  return frame;
}

async function readFrame(request: Request): Promise<RequestFrame> {
  const user = await sessionUser(request, { ...userSelect, ...bellSelect });
  if (!user) return null;
  const { _count: bell, ...rest } = user;
  return { user: rest, bell };
}

/** The person of the request's session, if it exists and has not expired, with what `select` names. */
async function sessionUser<S extends Prisma.UserSelect>(request: Request, select: S) {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: { select } } });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await requestFrame(request))?.user ?? null;
}

/** What the bell counts for the request's person, read with their session. */
export async function getBellCounts(request: Request): Promise<BellCounts | null> {
  return (await requestFrame(request))?.bell ?? null;
}

/**
 * The session's person as the database says now, never remembered: the collaboration server asks
 * again on connections that stay open for hours (one Request serves every document of a socket).
 */
export async function findSessionUser(request: Request): Promise<SessionUser | null> {
  return sessionUser(request, userSelect);
}

/** Guard for every signed-in page: a signed-out request goes to /login and comes back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(withQuery(href("/login"), { redirectTo }));
  }
  return user;
}

/** Starts a fresh session (a new identifier at every sign-in) and returns its Set-Cookie header. */
export async function createSession(request: Request, userId: string): Promise<string> {
  const previous = await readSessionId(request);
  const replaced = previous ? await db.session.findUnique({ where: { id: previous }, select: { userId: true } }) : null;
  const id = randomBytes(32).toString("base64url");
  await db.$transaction([
    ...(previous ? [db.session.deleteMany({ where: { id: previous } })] : []),
    db.session.create({
      data: { id, userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000) },
    }),
  ]);
  // The replaced session's open editors (perhaps another person's, on a shared PC) end with it.
  if (replaced) await accessChanged({ userId: replaced.userId });
  return sessionCookie().serialize(id, { secure: isSecure(request) });
}

export async function destroySession(request: Request): Promise<string> {
  const sessionId = await readSessionId(request);
  const session = sessionId ? await db.session.findUnique({ where: { id: sessionId } }) : null;
  if (session) {
    await db.$transaction(async (tx) => {
      await tx.session.delete({ where: { id: session.id } });
      await audit({ actorId: session.userId, action: "auth.sign_out", entityType: "User", entityId: session.userId }, tx);
    });
    // The session's open editors stop writing now, not when the page is next loaded.
    await accessChanged({ userId: session.userId });
  }
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isSecure(request) });
}

// Browsers drop tabs and line breaks from an address and read a backslash as "/": "/\t/evil.example"
// reaches evil.example. Whitespace and control characters have no place in our own addresses.
const notInLocalAddress = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff\\]/;
const ownOrigin = "http://x.invalid";

/**
 * Only an address on this site, so a crafted link cannot send someone elsewhere after sign-in:
 * the path, query and fragment of what resolves to our own origin (percent-encoded, so it is a
 * valid header value too), else the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/projects"): string {
  if (typeof to !== "string" || !to.startsWith("/") || notInLocalAddress.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, ownOrigin);
  } catch {
    return fallback;
  }
  const local = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
  if (url.origin !== ownOrigin || !local.startsWith("/") || local.startsWith("//") || new URL(local, ownOrigin).origin !== ownOrigin) return fallback;
  return local;
}
