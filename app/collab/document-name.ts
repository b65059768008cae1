import { isLang, type Lang } from "~/i18n/languages";

// Collaboration documents have one name format, parsed here only (DESIGN.md):
// plan.<sectionId>.<lang>; minutes.<agendaItemId>.<lang> and finding.<findingId>.<lang> later.
export type DocumentRef = { kind: "plan"; sectionId: string; lang: Lang };

export function planDocumentName(sectionId: string, lang: Lang): string {
  return `plan.${sectionId}.${lang}`;
}

export function parseDocumentName(name: string): DocumentRef | null {
  const match = /^(plan)\.([a-z0-9]{1,40})\.([a-z]{2})$/.exec(name);
  if (!match) return null;
  const [, kind, id, lang] = match;
  if (kind !== "plan" || !id || !isLang(lang)) return null;
  return { kind, sectionId: id, lang };
}
