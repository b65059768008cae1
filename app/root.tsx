import { useTranslation } from "~/i18n/use-translation";
import {
  data,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { getBellCounts, getUser } from "~/auth/session.server";
import { unreadCount } from "~/notifications/notifications.server";
import { Announcer } from "~/components/announcer";
import { ErrorPage } from "~/components/error-page";
import { SiteHeader } from "~/components/site-header";
import { resolveLanguage } from "~/i18n/language.server";
import { htmlLang, isLang, type Lang } from "~/i18n/languages";
import stylesheet from "./styles/app.css?url";
import { href } from "~/utils/links";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const lang = await resolveLanguage(request, user);
  return data({
    lang,
    // The one-time key of the page's create forms (components/form-key.tsx): new with every load.
    formKey: crypto.randomUUID(),
    user: user ? { name: user.name, email: user.email, isAdmin: user.isAdmin, timeZone: user.timeZone, unread: await unreadCount(user.id, (await getBellCounts(request)) ?? undefined) } : null,
  });
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const { i18n } = useTranslation();
  // Without the root's data (its loader failed), the language the server chose from the request.
  const lang: Lang = rootData?.lang ?? (isLang(i18n.language) ? i18n.language : "en");
  return (
    <html lang={htmlLang[lang]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader lang={lang} user={rootData?.user ?? null} />
        <main id="main">{children}</main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Outlet />
      {/* Says what an act did on the page it led to ("the milestone is created"): components/announcer.tsx. */}
      <Announcer />
    </>
  );
}

/** Only when the root's own loader failed: the language is the one the server rendered in. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
