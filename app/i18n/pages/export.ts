import { loadPageNamespace } from "../page-translations";

// The "export" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("export", import.meta.glob("../../../locales/*/export.json", { import: "default" }));
