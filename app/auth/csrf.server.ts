// Cross-site request forgery: the session cookie is SameSite=Lax, and every state-changing request
// must come from our own origin. Browsers send Origin (and Sec-Fetch-Site) on every POST, so a form
// on another site is refused here. Requests with neither header are not from a browser page and
// cannot carry a victim's cookie on its behalf. (docs/decisions/002-csrf.md)
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(method: string, headers: Headers, ownOrigins: string[]): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = headers.get("origin");
  if (origin) return origin === "null" || !ownOrigins.includes(origin);
  const referer = headers.get("referer");
  if (referer) {
    try {
      return !ownOrigins.includes(new URL(referer).origin);
    } catch {
      return true;
    }
  }
  return false;
}
