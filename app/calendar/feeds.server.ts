import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { config } from "~/config.server";
import { db } from "~/db/db.server";
import { tFor } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";
import { shownLink } from "~/mail/mail.server";
import { href } from "~/utils/links";
import { sharedLimiters } from "~/utils/rate-limits.server";
import { singleton } from "~/utils/singleton.server";
import { addMilestone, addProgramme, newCalendar, programmeSelect } from "./ical.server";

// A person's calendar address (decision 037). Calendar apps cannot sign in, so the secret token in
// the address is the authorization. The database keeps the token's SHA-256 (to find it) and a
// random salt; the token is HMAC(server key, salt), so the server can show it to its owner again
// while a copy of the database alone opens no calendar. Renewing draws a new salt: the old address
// is refused at once. The token is never written to a log or the audit trail.

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The key tokens are derived with: from the session secret, kept apart from the cookie's use of it. */
const feedKey = () => createHmac("sha256", config().sessionSecrets[0]!).update("calendar-feed").digest();

const tokenFrom = (salt: string) => createHmac("sha256", feedKey()).update(salt).digest("base64url");
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The token a stored address was made with, or null when the server's key has changed since. */
function tokenOf(feed: { salt: string; tokenHash: string }): string | null {
  const token = tokenFrom(feed.salt);
  return hashOf(token) === feed.tokenHash ? token : null;
}

export const feedPath = (token: string) => href("/calendar/:token/feed.ics", { token });

/** The person's calendar address as shown on their profile (absolute with PUBLIC_URL), or null. */
export async function calendarFeedOf(userId: string): Promise<{ address: string; createdAt: string } | null> {
  const feed = await db.calendarFeed.findUnique({ where: { userId } });
  const token = feed && tokenOf(feed);
  return token ? { address: shownLink(feedPath(token)), createdAt: feed.createdAt.toISOString() } : null;
}

/** A new address for the person; the one before, if any, stops working at once. */
export async function renewCalendarFeed(userId: string): Promise<void> {
  const salt = randomBytes(32).toString("base64url");
  const data = { salt, tokenHash: hashOf(tokenFrom(salt)), createdAt: new Date() };
  await db.$transaction(async (tx) => {
    const before = await tx.calendarFeed.findUnique({ where: { userId }, select: { userId: true } });
    await tx.calendarFeed.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    await audit({ actorId: userId, action: before ? "calendar_feed.renew" : "calendar_feed.create", entityType: "CalendarFeed", entityId: userId, data: {} }, tx);
  });
}

/**
 * The calendar behind a token: every visit programme, milestone due date and steering-group
 * meeting of the projects its person may read, in their language. Null for any token that is not
 * a current address (unknown, renewed, malformed): the caller answers all of them alike.
 */
export async function personalCalendar(token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hashOf(token) }, include: { user: { select: { id: true, language: true } } } });
  const expected = feed && tokenOf(feed);
  if (!feed || !expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(token))) return null;
  const lang = feed.user.language as Lang;
  const memberships = await db.membership.findMany({ where: { userId: feed.user.id }, select: { role: true, projectId: true } });
  const projectIds = memberships.filter((membership) => can(membership.role, "project:read")).map((membership) => membership.projectId);
  const projects = await db.project.findMany({
    where: { id: { in: projectIds } },
    orderBy: { startDate: "asc" },
    select: {
      titles: true,
      originalLang: true,
      visits: { orderBy: { startDate: "asc" }, select: programmeSelect },
      milestones: { orderBy: { dueDate: "asc" }, select: { id: true, projectId: true, titles: true, originalLang: true, dueDate: true, meetingAt: true, updatedAt: true } },
    },
  });
  const calendar = newCalendar(tFor(lang)("auth:calendar.feedName"), lang);
  // Asks subscribing apps to look again every hour (REFRESH-INTERVAL, X-PUBLISHED-TTL); many wait longer.
  calendar.ttl(60 * 60);
  for (const project of projects) {
    const context = pickLocalized(readLocalized(project.titles), project.originalLang, lang).text;
    for (const visit of project.visits) addProgramme(calendar, visit, lang, context);
    for (const milestone of project.milestones) addMilestone(calendar, milestone, lang, context);
  }
  return calendar.toString();
}

// Addresses are 256-bit secrets, so guessing is hopeless; the limit keeps a script (or an app
// polling a revoked address in a loop) from making the server look tokens up without end.
export const UNKNOWN_FEEDS_PER_ADDRESS = 60;
const WINDOW_SECONDS = 15 * 60;

const unknownFeeds = singleton(
  "calendar-feed-limits",
  () => sharedLimiters("calendar limits", { unknown: { points: UNKNOWN_FEEDS_PER_ADDRESS, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS, keyPrefix: "calendar:unknown" } }).unknown,
);

/** Whether the client address has asked for too many addresses that are none. */
export async function feedLookupsBlocked(clientAddress: string): Promise<boolean> {
  const entry = await unknownFeeds.get(clientAddress);
  return (entry?.consumedPoints ?? 0) >= UNKNOWN_FEEDS_PER_ADDRESS;
}

export async function recordUnknownFeed(clientAddress: string): Promise<void> {
  try {
    await unknownFeeds.consume(clientAddress);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  }
}
