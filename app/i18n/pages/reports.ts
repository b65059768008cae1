import { loadPageNamespace } from "../page-translations";

// The "reports" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("reports", import.meta.glob("../../../locales/*/reports.json", { import: "default" }));
