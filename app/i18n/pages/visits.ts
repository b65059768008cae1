import { loadPageNamespace } from "../page-translations";

// The "visits" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("visits", import.meta.glob("../../../locales/*/visits.json", { import: "default" }));
