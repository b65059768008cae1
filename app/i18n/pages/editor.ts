import { loadPageNamespace } from "../page-translations";

// The "editor" namespace (who is in a text, @mentions, the toolbar; decision 029), with the pages
// and components that import this module (decision 025).
await loadPageNamespace("editor", import.meta.glob("../../../locales/*/editor.json", { import: "default" }));
