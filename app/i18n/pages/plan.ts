import { loadPageNamespace } from "../page-translations";

// The "plan" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("plan", import.meta.glob("../../../locales/*/plan.json", { import: "default" }));
