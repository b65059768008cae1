import { useTranslation } from "~/i18n/use-translation";
import { Form, Link, useLocation } from "react-router";
import { Bell, FolderKanban, Menu } from "lucide-react";
import { languageNames, languages, htmlLang, type Lang } from "~/i18n/languages";
import { href } from "~/utils/links";
import { useDisclosureMenu } from "./disclosure-menu";

type HeaderUser = { name: string; email: string; unread: number } | null;

/** A full reload after switching: only the chosen language's texts are sent to the browser. */
function LanguageSwitcher({ lang, className }: { lang: Lang; className: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <Form method="post" action={href("/language")} reloadDocument className={`language-switcher ${className}`} aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={here} />
      {languages.map((option) => (
        <button key={option} type="submit" name="lang" value={option} lang={htmlLang[option]} aria-pressed={option === lang}>
          {languageNames[option]}
        </button>
      ))}
    </Form>
  );
}

function SignOut({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={href("/logout")} reloadDocument className={className}>
      <button type="submit" className="link-button">
        {t("nav.signOut")}
      </button>
    </Form>
  );
}

/**
 * One line at every width (issue 15): both cities' names, the projects, the bell; on a desktop the
 * person's name, signing out and the languages beside them, on a phone those three in a menu.
 * Parts shown at one width only are hidden with display: none at the other, so each is read once.
 */
export function SiteHeader({ lang, user }: { lang: Lang; user: HeaderUser }) {
  const { t } = useTranslation();
  const menu = useDisclosureMenu();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <Link to={user ? href("/projects") : href("/login")} className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t("nav:cities")}
      </Link>
      <nav aria-label={t("nav.main")} className="header-nav">
        {user ? (
          <>
            <Link to={href("/projects")} className="header-link">
              <FolderKanban aria-hidden="true" size={20} />
              <span className="header-label">{t("nav.projects")}</span>
            </Link>
            <Link to={href("/notifications")} className="bell header-link" aria-label={t("nav.notifications", { count: user.unread })}>
              <Bell aria-hidden="true" size={20} />
              {user.unread > 0 ? <span className="bell-count">{user.unread}</span> : null}
            </Link>
            <Link to={href("/profile")} title={user.email} className="header-link wide-only">
              {user.name}
            </Link>
            <SignOut className="wide-only" />
          </>
        ) : (
          <Link to={href("/login")} className="header-link">
            {t("nav.signIn")}
          </Link>
        )}
      </nav>
      <LanguageSwitcher lang={lang} className="wide-only" />
      <details className="header-menu phone-only" ref={menu.ref} onKeyDown={menu.onKeyDown}>
        <summary aria-label={user ? t("nav:menu") : t("nav.language")} className="icon-button">
          <Menu aria-hidden="true" size={22} />
        </summary>
        <div className="menu-panel">
          {user ? (
            <>
              <p className="menu-person">
                <strong>{user.name}</strong>
                <span className="muted">{user.email}</span>
              </p>
              <Link to={href("/profile")}>{t("nav:profile")}</Link>
            </>
          ) : null}
          <LanguageSwitcher lang={lang} className="menu-languages" />
          {user ? <SignOut /> : null}
        </div>
      </details>
    </header>
  );
}
