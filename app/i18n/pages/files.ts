import { loadPageNamespace } from "../page-translations";

// The "files" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("files", import.meta.glob("../../../locales/*/files.json", { import: "default" }));
