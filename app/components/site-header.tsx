import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { languageNames, languages, type Lang } from "~/i18n/languages";

type HeaderUser = { name: string; email: string } | null;

export function SiteHeader({ lang, user }: { lang: Lang; user: HeaderUser }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <Link to={user ? "/projects" : "/login"} className="brand">
        {t("appName")}
      </Link>
      <nav aria-label={t("nav.main")}>
        {user ? (
          <>
            <Link to="/projects">{t("nav.projects")}</Link>
            <Link to="/profile" title={user.email}>
              {user.name}
            </Link>
            <Form method="post" action="/logout" reloadDocument>
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <Link to="/login">{t("nav.signIn")}</Link>
        )}
      </nav>
      {/* A full reload after switching: only the chosen language's texts are sent to the browser. */}
      <Form method="post" action="/language" reloadDocument className="language-switcher" aria-label={t("nav.language")}>
        <input type="hidden" name="redirectTo" value={here} />
        {languages.map((option) => (
          <button
            key={option}
            type="submit"
            name="lang"
            value={option}
            lang={option === "zh" ? "zh-CN" : option}
            aria-pressed={option === lang}
          >
            {languageNames[option]}
          </button>
        ))}
      </Form>
    </header>
  );
}
