import en from "../../../locales/en/findings.json";
import sv from "../../../locales/sv/findings.json";
import zh from "../../../locales/zh/findings.json";
import { providePageTranslations } from "../page-translations";

// The "findings" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("findings", { sv, zh, en });
