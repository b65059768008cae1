import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { langFromHtmlLang } from "~/i18n/languages";
import { receivePageTranslations } from "~/i18n/page-translations";
import { loadLanguage } from "~/i18n/resources";
import { createTranslator } from "~/i18n/translator";
import { TranslationContext } from "~/i18n/use-translation";

// Only the page's language is downloaded; switching language reloads the page.
async function hydrate() {
  const lang = langFromHtmlLang(document.documentElement.lang);
  const translator = createTranslator(lang, await loadLanguage(lang));
  receivePageTranslations(translator);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <TranslationContext value={translator}>
          <HydratedRouter />
        </TranslationContext>
      </StrictMode>,
    );
  });
}

void hydrate();
