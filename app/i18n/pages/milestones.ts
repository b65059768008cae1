import { loadPageNamespace } from "../page-translations";

// The "milestones" namespace, with the pages and components that import this module (decision 025).
await loadPageNamespace("milestones", import.meta.glob("../../../locales/*/milestones.json", { import: "default" }));
