import en from "../../../locales/en/results.json";
import sv from "../../../locales/sv/results.json";
import zh from "../../../locales/zh/results.json";
import { providePageTranslations } from "../page-translations";

// The "results" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("results", { sv, zh, en });
