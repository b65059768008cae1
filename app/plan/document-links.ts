import type { Lang } from "~/i18n/languages";
import { href, withQuery } from "~/utils/links";

// The whole plan's page and its sections' pages link to each other with the languages the reader
// chose, so that "Edit" leads to the section beside the same languages and back to the same place.

/** The whole plan in these languages (one, or two side by side), at a section's heading when given. */
export function planDocumentHref(projectId: string, langs: readonly Lang[], sectionId?: string): string {
  const path = href("/projects/:projectId/plan/document", { projectId });
  const query = langs.length > 1 ? { left: langs[0], right: langs[1] } : { lang: langs[0] };
  return `${withQuery(path, query)}${sectionId ? `#${planDocumentAnchor(sectionId)}` : ""}`;
}

/** The id of a section's place in the document. */
export const planDocumentAnchor = (sectionId: string) => `section-${sectionId}`;

/** A section's own page, with the document's languages (its left column first). */
export function planSectionHref(projectId: string, sectionId: string, langs: readonly Lang[]): string {
  return withQuery(href("/projects/:projectId/plan/:sectionId", { projectId, sectionId }), { left: langs[0], right: langs[1] });
}
