import en from "../../../locales/en/auth.json";
import sv from "../../../locales/sv/auth.json";
import zh from "../../../locales/zh/auth.json";
import { providePageTranslations } from "../page-translations";

// The "auth" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("auth", { sv, zh, en });
