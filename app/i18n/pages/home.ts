import { loadPageNamespace } from "../page-translations";

// The "home" namespace (decision 026), with the pages and components that import this module (decision 025).
await loadPageNamespace("home", import.meta.glob("../../../locales/*/home.json", { import: "default" }));
