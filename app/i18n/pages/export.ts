import en from "../../../locales/en/export.json";
import sv from "../../../locales/sv/export.json";
import zh from "../../../locales/zh/export.json";
import { providePageTranslations } from "../page-translations";

// The "export" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("export", { sv, zh, en });
