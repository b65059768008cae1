import { loadPageNamespace } from "../page-translations";

// The "findings" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("findings", import.meta.glob("../../../locales/*/findings.json", { import: "default" }));
