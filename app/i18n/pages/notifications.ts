import en from "../../../locales/en/notifications.json";
import sv from "../../../locales/sv/notifications.json";
import zh from "../../../locales/zh/notifications.json";
import { providePageTranslations } from "../page-translations";

// The "notifications" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("notifications", { sv, zh, en });
