import { loadPageNamespace } from "../page-translations";

// The "activity" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("activity", import.meta.glob("../../../locales/*/activity.json", { import: "default" }));
