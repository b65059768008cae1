// Every namespace of one language but those that travel with their pages (../page-translations.ts):
// the browser fetches the reader's language as this one chunk.
export default import.meta.glob<Record<string, unknown>>(["../../../locales/en/*.json", "!../../../locales/en/{activity,auth,editor,export,findings,milestones,notifications,reports,results}.json"], { eager: true, import: "default" });
