import en from "../../../locales/en/editor.json";
import sv from "../../../locales/sv/editor.json";
import zh from "../../../locales/zh/editor.json";
import { providePageTranslations } from "../page-translations";

// The "editor" namespace (who is in a text, @mentions), with the pages that edit texts (app/i18n/page-translations.ts).
providePageTranslations("editor", { sv, zh, en });
