import en from "../../../locales/en/home.json";
import sv from "../../../locales/sv/home.json";
import zh from "../../../locales/zh/home.json";
import { providePageTranslations } from "../page-translations";

// The "home" namespace (decision 026), with the pages that use it: home, a project's overview, notifications.
providePageTranslations("home", { sv, zh, en });
