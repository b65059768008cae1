import { useTranslation } from "~/i18n/use-translation";
import { Form, Link, useLocation } from "react-router";
import { languageNames, languages, htmlLang, type Lang } from "~/i18n/languages";
import { href } from "~/utils/links";

type HeaderUser = { name: string; email: string; unread: number } | null;

export function SiteHeader({ lang, user }: { lang: Lang; user: HeaderUser }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <Link to={user ? href("/projects") : href("/login")} className="brand">
        {t("appName")}
      </Link>
      <nav aria-label={t("nav.main")}>
        {user ? (
          <>
            <Link to={href("/projects")}>{t("nav.projects")}</Link>
            <Link to={href("/notifications")} className="bell" aria-label={t("nav.notifications", { count: user.unread })}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.7V3a2 2 0 1 0-4 0v1.3A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
              </svg>
              {user.unread > 0 ? <span className="bell-count">{user.unread}</span> : null}
            </Link>
            <Link to={href("/profile")} title={user.email}>
              {user.name}
            </Link>
            <Form method="post" action={href("/logout")} reloadDocument>
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <Link to={href("/login")}>{t("nav.signIn")}</Link>
        )}
      </nav>
      {/* A full reload after switching: only the chosen language's texts are sent to the browser. */}
      <Form method="post" action={href("/language")} reloadDocument className="language-switcher" aria-label={t("nav.language")}>
        <input type="hidden" name="redirectTo" value={here} />
        {languages.map((option) => (
          <button
            key={option}
            type="submit"
            name="lang"
            value={option}
            lang={htmlLang[option]}
            aria-pressed={option === lang}
          >
            {languageNames[option]}
          </button>
        ))}
      </Form>
    </header>
  );
}
