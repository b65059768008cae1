import { useTranslation } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { getUser } from "~/auth/session.server";
import { unreadCount } from "~/notifications/notifications.server";
import { SiteHeader } from "~/components/site-header";
import { resolveLanguage } from "~/i18n/language.server";
import { htmlLang, type Lang } from "~/i18n/languages";
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
    user: user ? { name: user.name, email: user.email, isAdmin: user.isAdmin, timeZone: user.timeZone, unread: await unreadCount(user.id) } : null,
  });
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const lang: Lang = rootData?.lang ?? "en";
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
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  let status = 500;
  let message = "errors:unexpected";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const key = (error.data as { message?: unknown } | undefined)?.message;
    message =
      typeof key === "string" && key.startsWith("errors:")
        ? key
        : status === 404
          ? "errors:notFound"
          : status === 403
            ? "errors:forbidden"
            : status === 400
              ? "errors:badRequest"
              : "errors:unexpected";
  } else if (import.meta.env.DEV && error instanceof Error) {
    console.error(error);
  }
  return (
    <div className="page narrow">
      <title>{t(message)}</title>
      <h1>{t(message)}</h1>
      <p className="muted">{t("errors:statusCode", { status })}</p>
      <p>
        <a href={href("/projects")}>{t("nav.backToProjects")}</a>
      </p>
    </div>
  );
}
