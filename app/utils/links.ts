import { href } from "react-router";

// Every address the app links to, redirects to or mails is built from the route map (app/routes.ts)
// with React Router's `href()`, which `react-router typegen` types: a pattern that is not a route,
// or a missing parameter, fails `npm run typecheck`. Links are absolute, so they mean the same on
// every page that shows them (a relative "../budget/…" on a visit's page led to /visits/budget/…).

export { href };

type QueryValue = string | number | null | undefined | readonly string[];

/** An address with a query string; empty values are left out. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== "") params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
