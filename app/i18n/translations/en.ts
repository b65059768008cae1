// The core namespaces (../namespaces.ts) of one language, fetched by the browser as this one chunk;
// every other namespace comes with its pages (../page-translations.ts).
export default import.meta.glob<Record<string, unknown>>("../../../locales/en/{common,errors,projects,search}.json", { eager: true, import: "default" });
