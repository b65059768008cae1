import { createCookie } from "react-router";
import type { SessionUser } from "~/auth/session.server";
import { defaultLanguage, isLang, langFromAcceptLanguage, type Lang } from "./languages";

/** The choice of someone not signed in; also set when a signed-in person switches. */
export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });

/** The signed-in person's saved choice, else the `lng` cookie, else Accept-Language, else English. */
export async function resolveLanguage(request: Request, user: Pick<SessionUser, "language"> | null): Promise<Lang> {
  if (user && isLang(user.language)) return user.language;
  const cookie: unknown = await languageCookie.parse(request.headers.get("cookie"));
  if (isLang(cookie)) return cookie;
  return langFromAcceptLanguage(request.headers.get("accept-language")) ?? defaultLanguage;
}
