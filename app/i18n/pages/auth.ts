import { loadPageNamespace } from "../page-translations";

// The "auth" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("auth", import.meta.glob("../../../locales/*/auth.json", { import: "default" }));
