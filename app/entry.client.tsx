import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { langFromHtmlLang } from "~/i18n/languages";
import { defaultNamespace, namespaces } from "~/i18n/namespaces";
import { receivePageTranslations } from "~/i18n/page-translations";
import { loadLanguage } from "~/i18n/resources";

// Only the page's language is downloaded; switching language reloads the page.
async function hydrate() {
  const lang = langFromHtmlLang(document.documentElement.lang);
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: lang,
    resources: await loadLanguage(lang),
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  receivePageTranslations(instance);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={instance}>
          <HydratedRouter />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}

void hydrate();
