// Every namespace of one language: the browser fetches the reader's language as this one chunk.
export default import.meta.glob<Record<string, unknown>>("../../../locales/en/*.json", { eager: true, import: "default" });
