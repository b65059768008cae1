import { loadPageNamespace } from "../page-translations";

// The "notifications" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("notifications", import.meta.glob("../../../locales/*/notifications.json", { import: "default" }));
