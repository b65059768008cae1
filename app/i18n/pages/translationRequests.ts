import { loadPageNamespace } from "../page-translations";

// The "translationRequests" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("translationRequests", import.meta.glob("../../../locales/*/translationRequests.json", { import: "default" }));
