import { z } from "zod";
import { db } from "~/db/db.server";
import { isDocument } from "~/editor/docx.server";
import { jsonToHtml } from "~/editor/content.server";
import { languages, type Lang } from "~/i18n/languages";
import { parseQuery } from "~/utils/forms";
import type { SectionTitle } from "./plan.server";
import { BLANK_TEXT_HASH, translationStatus, type TranslationStatus } from "./translation-status";

// The whole plan on one page (routes/project.plan.document.tsx, decision 030): every section in plan
// order with its translation status, its text in one language or two side by side, rendered on the
// server from the stored JSON by the schema's renderer (as the print page is): no editor per section.

const lang = z.enum(languages).optional().catch(undefined);

/**
 * The address's choice: ?lang=sv (one language) or ?left=sv&right=zh (two; an empty `right`, the
 * chooser's "only one language", is one). Anything else falls back to the defaults, never a refusal.
 */
const DocumentQuerySchema = z.object({ lang, left: lang, right: z.union([z.literal(""), z.enum(languages)]).optional().catch(undefined) });

/** The languages the document shows: the reader's own first, the other city's beside it by default. */
export function documentLanguages(request: Request, readerLang: Lang, otherCity: (left: Lang) => Lang): Lang[] {
  const query = parseQuery(DocumentQuerySchema, request);
  if (query.lang) return [query.lang];
  const left = query.left ?? readerLang;
  if (query.right === "") return [left];
  const right = query.right && query.right !== left ? query.right : otherCity(left);
  return [left, right];
}

/**
 * The language of the partnership's other city for this reader: that of a project organisation other
 * than the reader's own (Jinan's Chinese for Västerås, Swedish for Jinan), not the shown one; else
 * any project organisation's; else the first other language of the workspace.
 */
export async function otherCityLanguage(projectId: string, organisationId: string | null): Promise<(left: Lang) => Lang> {
  const organisations = await db.projectOrganisation.findMany({
    where: { projectId },
    select: { organisation: { select: { id: true, originalLang: true } } },
  });
  const others = organisations.filter(({ organisation }) => organisation.id !== organisationId).map(({ organisation }) => organisation.originalLang);
  const candidates = [...others, ...organisations.map(({ organisation }) => organisation.originalLang), ...languages];
  return (left) => candidates.find((candidate) => candidate !== left)!;
}

export type DocumentCell = {
  lang: Lang;
  /** The text as HTML, or null when it is missing in this language. */
  html: string | null;
  /** For a missing text: the source language, if its text exists, and its HTML unless it is shown beside. */
  original: { lang: Lang; html: string | null } | null;
};

export type DocumentSection = {
  id: string;
  title: SectionTitle;
  sourceLang: Lang;
  status: Record<Lang, TranslationStatus>;
  cells: DocumentCell[];
};

/** Every section of the plan in order, with its status in every language and its text in `langs`. */
export async function loadPlanDocument(projectId: string, langs: Lang[]): Promise<DocumentSection[]> {
  const sections = await db.planSection.findMany({
    where: { projectId, removedAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      kind: true,
      titles: true,
      titleLang: true,
      sourceLang: true,
      texts: { select: { lang: true, textHash: true, confirmedSourceHash: true, json: true } },
    },
  });
  return sections.map((section) => {
    const html = (of: Lang) => {
      const text = section.texts.find((candidate) => candidate.lang === of);
      return text && text.textHash !== BLANK_TEXT_HASH && isDocument(text.json) ? jsonToHtml(text.json) : null;
    };
    // Only what is shown is rendered; the source once at most, for the texts missing beside it.
    let source: string | null | undefined;
    const sourceHtml = () => (source === undefined ? (source = html(section.sourceLang)) : source);
    return {
      id: section.id,
      title: { kind: section.kind, titles: section.titles as SectionTitle["titles"], titleLang: section.titleLang },
      sourceLang: section.sourceLang,
      status: Object.fromEntries(languages.map((code) => [code, translationStatus(code, section.sourceLang, section.texts)])) as Record<Lang, TranslationStatus>,
      cells: langs.map((code) => {
        const own = code === section.sourceLang ? sourceHtml() : html(code);
        const original =
          own === null && code !== section.sourceLang && sourceHtml() !== null
            ? { lang: section.sourceLang, html: langs.includes(section.sourceLang) ? null : sourceHtml() }
            : null;
        return { lang: code, html: own, original };
      }),
    };
  });
}
