import en from "../../../locales/en/activity.json";
import sv from "../../../locales/sv/activity.json";
import zh from "../../../locales/zh/activity.json";
import { providePageTranslations } from "../page-translations";

// The "activity" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("activity", { sv, zh, en });
