import { isLang, type Lang } from "~/i18n/languages";

// Collaboration documents have one name format, parsed here only (docs/product.md):
// plan.<sectionId>.<lang>, minutes.<agendaItemId>.<lang>, finding.<findingId>.<lang>.
export const documentKinds = ["plan", "minutes", "finding"] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentRef = { kind: DocumentKind; id: string; lang: Lang };

export const planDocumentName = (sectionId: string, lang: Lang) => `plan.${sectionId}.${lang}`;
export const minutesDocumentName = (agendaItemId: string, lang: Lang) => `minutes.${agendaItemId}.${lang}`;
export const findingDocumentName = (findingId: string, lang: Lang) => `finding.${findingId}.${lang}`;

export function parseDocumentName(name: string): DocumentRef | null {
  const match = /^(plan|minutes|finding)\.([a-z0-9]{1,40})\.([a-z]{2})$/.exec(name);
  if (!match) return null;
  const [, kind, id, lang] = match;
  if (!kind || !id || !isLang(lang)) return null;
  return { kind: kind as DocumentKind, id, lang };
}
