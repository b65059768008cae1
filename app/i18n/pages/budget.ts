import { loadPageNamespace } from "../page-translations";

// The "budget" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("budget", import.meta.glob("../../../locales/*/budget.json", { import: "default" }));
