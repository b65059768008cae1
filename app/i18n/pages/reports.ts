import en from "../../../locales/en/reports.json";
import sv from "../../../locales/sv/reports.json";
import zh from "../../../locales/zh/reports.json";
import { providePageTranslations } from "../page-translations";

// The "reports" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("reports", { sv, zh, en });
