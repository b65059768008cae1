import { loadPageNamespace } from "../page-translations";

// The "results" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("results", import.meta.glob("../../../locales/*/results.json", { import: "default" }));
