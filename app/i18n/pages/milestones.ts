import en from "../../../locales/en/milestones.json";
import sv from "../../../locales/sv/milestones.json";
import zh from "../../../locales/zh/milestones.json";
import { providePageTranslations } from "../page-translations";

// The "milestones" namespace, with the pages that use it (app/i18n/page-translations.ts).
providePageTranslations("milestones", { sv, zh, en });
