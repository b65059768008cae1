import type { JSONContent } from "@tiptap/core";
import { HeadingLevel, Paragraph, TextRun, type ParagraphChild } from "docx";
import { approvedBy, approvedRound, documentFrame } from "~/editor/document-frame.server";
import { z } from "zod";
import { db } from "~/db/db.server";
import { contents, DocxConverter, isDocument, missingParagraph, packDocx, runLanguage, sideBySideTexts, type BodyBlock } from "~/editor/docx.server";
import { printCell, printColumns, type PrintCell, type PrintColumn } from "~/editor/print.server";
import { tFor } from "~/i18n/i18n.server";
import { formatDate, languageName } from "~/i18n/format";
import { htmlLang, languages, type Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";
import { PlanError, type SectionTitle } from "./plan.server";

// The plan as a Word document and as a print page, from the stored ProseMirror JSON only (never
// from a client's HTML): one language after another section by section, or two side by side.

export type ExportOptions = {
  projectId: string;
  lang: Lang;
  second?: Lang;
  sectionIds?: string[];
  /** A named version of the plan (PlanSnapshot) rather than today's working text. */
  snapshotId?: string;
};

// ---------------------------------------------------------------------------------------------
// The query of /plan/export and /plan/print: ?lang=sv&second=zh&sections=id1,id2

const langSchema = z.enum(languages, "errors:invalid");
const sectionId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "errors:invalid");

export const ExportQuerySchema = z
  .object({
    lang: langSchema,
    second: langSchema.optional(),
    // Absent: the whole plan. Present: at least one section.
    sections: z.array(sectionId).min(1, "errors:required").max(500, "errors:invalid").optional(),
    // A named version of the plan; absent: today's working text.
    version: sectionId.optional(),
  })
  .refine((query) => query.second !== query.lang, { message: "errors:invalid", path: ["second"] });

export type ExportQuery = z.infer<typeof ExportQuerySchema>;

/**
 * Reads the query: an empty `second` (the form's "none") is no second language; `sections` may be
 * comma-separated, repeated (the form's checkboxes), or both.
 */
export function parseExportQuery(url: URL) {
  const params = url.searchParams;
  const sections = params.has("sections")
    ? [...new Set(params.getAll("sections").flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean))]
    : undefined;
  return ExportQuerySchema.safeParse({
    lang: params.get("lang") ?? undefined,
    second: params.get("second") || undefined,
    sections,
    version: params.get("version") || undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// What is exported

type ResolvedTitle = { text: string; /** A custom title shown in its original language. */ original?: Lang };

export type ExportSection = {
  id: string;
  title: SectionTitle;
  /** The language's text when it has any; an empty text counts as missing. */
  content: Partial<Record<Lang, JSONContent>>;
};

export type PlanExport = { projectTitle: string; langs: Lang[]; sections: ExportSection[] };

/** The project's title in the document's language(s), as the plan's own title is ("… / …"). */
export async function exportProjectTitle(projectId: string, langs: Lang[]) {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true } });
  const titles = readLocalized(project.titles);
  return [...new Set(langs.map((lang) => pickLocalized(titles, project.originalLang, lang).text))].join(" / ");
}

/**
 * The project's chosen sections in plan order. Every id of `sectionIds` must be a section of this
 * project that is not removed; otherwise PlanError("errors:badRequest").
 */
export async function loadPlanExport({ projectId, lang, second, sectionIds, snapshotId }: ExportOptions): Promise<PlanExport> {
  if (second === lang) throw new PlanError("errors:badRequest");
  const langs = second ? [lang, second] : [lang];
  if (snapshotId) return loadSnapshotExport(projectId, snapshotId, langs, sectionIds);
  const projectTitle = await exportProjectTitle(projectId, langs);
  const wanted = sectionIds ? [...new Set(sectionIds)] : undefined;
  const sections = await db.planSection.findMany({
    where: { projectId, removedAt: null, ...(wanted ? { id: { in: wanted } } : {}) },
    orderBy: { position: "asc" },
    include: { texts: { where: { lang: { in: langs } }, select: { lang: true, json: true, text: true } } },
  });
  if (wanted && sections.length !== wanted.length) throw new PlanError("errors:badRequest");
  return {
    projectTitle,
    langs,
    sections: sections.map((section) => {
      const content: Partial<Record<Lang, JSONContent>> = {};
      for (const text of section.texts) {
        if (text.text.trim() !== "" && isDocument(text.json)) content[text.lang] = text.json;
      }
      return {
        id: section.id,
        title: { kind: section.kind, titles: section.titles as SectionTitle["titles"], titleLang: section.titleLang },
        content,
      };
    }),
  };
}

/**
 * A named version of the plan as it was saved: the sections it holds texts of (a section removed
 * since included), in plan order, each with the text the version kept. An unknown version, or
 * a chosen section the version does not hold, is PlanError("errors:notFound" / "errors:badRequest").
 */
async function loadSnapshotExport(projectId: string, snapshotId: string, langs: Lang[], sectionIds?: string[]): Promise<PlanExport> {
  const snapshot = await db.planSnapshot.findFirst({ where: { id: snapshotId, projectId }, select: { id: true } });
  if (!snapshot) throw new PlanError("errors:notFound");
  const versions = await db.textVersion.findMany({
    where: { snapshotId },
    select: { json: true, text: true, richText: { select: { sectionId: true, lang: true } } },
  });
  const held = new Set(versions.map((version) => version.richText.sectionId).filter((id): id is string => id !== null));
  const wanted = sectionIds ? [...new Set(sectionIds)] : undefined;
  if (wanted?.some((id) => !held.has(id))) throw new PlanError("errors:badRequest");
  const sections = await db.planSection.findMany({ where: { projectId, id: { in: wanted ?? [...held] } }, orderBy: { position: "asc" } });
  return {
    projectTitle: await exportProjectTitle(projectId, langs),
    langs,
    sections: sections.map((section) => {
      const content: Partial<Record<Lang, JSONContent>> = {};
      for (const version of versions) {
        const { sectionId, lang } = version.richText;
        if (sectionId === section.id && langs.includes(lang) && version.text.trim() !== "" && isDocument(version.json)) content[lang] = version.json;
      }
      return { id: section.id, title: { kind: section.kind, titles: section.titles as SectionTitle["titles"], titleLang: section.titleLang }, content };
    }),
  };
}

/** A section's title in one language, as the app shows it: standard kinds from the locales, custom titles falling back to the original. */
export function resolveSectionTitle(title: SectionTitle, lang: Lang): ResolvedTitle {
  if (title.kind) return { text: tFor(lang)(`plan:sections.${title.kind}`) };
  const own = title.titles?.[lang];
  if (own) return { text: own };
  const original = title.titleLang ?? (Object.keys(title.titles ?? {})[0] as Lang | undefined);
  return { text: (original && title.titles?.[original]) || "—", original };
}

/** "(title in Swedish)" in the reader's language, for a title shown in its original language. */
function originalNote(title: ResolvedTitle, lang: Lang) {
  return title.original ? tFor(lang)("plan:originalTitle", { language: languageName(title.original, lang) }) : undefined;
}

const noText = (lang: Lang) => tFor(lang)("export:noText");

// ---------------------------------------------------------------------------------------------
// The print page: the same structure, with each text rendered to HTML by the schema's renderer.

export type PrintTitle = { lang: Lang; htmlLang: string; text: string; note?: string; noteLang?: string };
export type { PrintCell };
export type PlanPrint = {
  projectTitle: string;
  planTitle: string;
  columns: PrintColumn[];
  sections: { id: string; titles: PrintTitle[]; cells: PrintCell[] }[];
};

export async function planPrint(options: ExportOptions): Promise<PlanPrint> {
  const plan = await loadPlanExport(options);
  return {
    projectTitle: plan.projectTitle,
    planTitle: plan.langs.map((lang) => tFor(lang)("plan:title")).join(" / "),
    columns: printColumns(plan.langs),
    sections: plan.sections.map((section) => ({
      id: section.id,
      titles: uniqueTitles(section, plan.langs).map(({ lang, title }) => ({
        lang,
        htmlLang: htmlLang[title.original ?? lang],
        text: title.text,
        note: originalNote(title, lang),
        noteLang: htmlLang[lang],
      })),
      cells: plan.langs.map((lang) => printCell(lang, section.content[lang], noText(lang))),
    })),
  };
}

/** The section's title in each language, once when two languages resolve to the same text. */
function uniqueTitles(section: ExportSection, langs: Lang[]) {
  const titles = langs.map((lang) => ({ lang, title: resolveSectionTitle(section.title, lang) }));
  return titles.filter((entry, index) => titles.findIndex((other) => other.title.text === entry.title.text) === index);
}

// ---------------------------------------------------------------------------------------------
// The Word document

function titleRuns(section: ExportSection, langs: Lang[]): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const [index, { lang, title }] of uniqueTitles(section, langs).entries()) {
    if (index > 0) runs.push(new TextRun({ text: " / " }));
    runs.push(new TextRun({ text: title.text, language: runLanguage(title.original ?? lang) }));
    const note = originalNote(title, lang);
    if (note) runs.push(new TextRun({ text: ` ${note}`, italics: true, bold: false, language: runLanguage(lang) }));
  }
  return runs;
}

/**
 * What the exported plan is: the working text, never itself an approved version; it names the latest
 * named version the steering group approved, with when and by whom, or says there is none.
 */
async function planStatus(projectId: string, langs: Lang[], timeZone: string) {
  const latest = await db.approvalRequest.findFirst({
    where: { projectId, snapshotId: { not: null }, status: "approved" },
    orderBy: [{ decidedAt: "desc" }, { round: "desc" }],
    select: { snapshot: { select: { id: true, name: true } } },
  });
  const round = latest?.snapshot ? await approvedRound(projectId, { snapshotId: latest.snapshot.id }) : null;
  return langs.map((lang) =>
    round && latest?.snapshot
      ? tFor(lang)("export:document.planApproved", { name: latest.snapshot.name, approved: approvedBy(round, lang, timeZone) })
      : tFor(lang)("export:document.planNotApproved"),
  );
}

/**
 * What a named version of the plan is: its name, when it was saved, and where the steering group
 * stands on it (approved, with when and by whom; awaiting a decision; not approved), per language;
 * and the footer's short label.
 */
async function versionStatus(projectId: string, snapshotId: string, langs: Lang[], timeZone: string) {
  const snapshot = await db.planSnapshot.findFirstOrThrow({
    where: { id: snapshotId, projectId },
    select: { name: true, createdAt: true, requests: { orderBy: { round: "desc" }, take: 1, select: { status: true } } },
  });
  const latest = snapshot.requests[0]?.status ?? null;
  const round = latest === "approved" ? await approvedRound(projectId, { snapshotId }) : null;
  const lines = langs.map((lang) => {
    const t = tFor(lang);
    const saved = formatDate(snapshot.createdAt, lang, timeZone);
    if (round) return t("export:document.versionApproved", { name: snapshot.name, saved, approved: approvedBy(round, lang, timeZone) });
    return t(latest === "pending" ? "export:document.versionPending" : "export:document.versionNotApproved", { name: snapshot.name, saved });
  });
  return { label: tFor(langs[0]!)("export:document.versionLabel", { name: snapshot.name }), lines };
}

/**
 * The plan as a .docx: title, status and contents, then each chosen section with its text, or two
 * languages side by side in aligned rows. `timeZone` is the exporter's, for the dates it shows.
 */
export async function planDocx(options: ExportOptions & { timeZone: string }): Promise<Buffer> {
  const plan = await loadPlanExport(options);
  const first = plan.langs[0]!;
  const t = tFor(first);
  const version = options.snapshotId ? await versionStatus(options.projectId, options.snapshotId, plan.langs, options.timeZone) : null;
  const [frame, status] = await Promise.all([
    documentFrame(options.projectId, plan.langs, options.timeZone, version?.label ?? t("export:document.workingText")),
    version?.lines ?? planStatus(options.projectId, plan.langs, options.timeZone),
  ]);
  const converter = new DocxConverter();
  const children: BodyBlock[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: plan.projectTitle })] }),
    new Paragraph({ style: "Subtitle", children: plan.langs.map((lang, index) => new TextRun({ text: `${index > 0 ? " / " : ""}${tFor(lang)("plan:title")}`, language: runLanguage(lang) })) }),
    ...status.map((text, index) => new Paragraph({ children: [new TextRun({ text, italics: true, language: runLanguage(plan.langs[index]!) })] })),
    // A contents list for the whole plan; a few chosen sections are short enough without.
    ...(options.sectionIds ? [] : contents(plan.langs)),
  ];
  for (const section of plan.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: titleRuns(section, plan.langs) }));
    if (plan.langs.length === 1) {
      const json = section.content[first];
      children.push(...(json ? converter.blocks(json.content, first) : [missingParagraph(noText(first), first)]));
    } else {
      children.push(...sideBySideTexts(converter, plan.langs, (lang) => section.content[lang], noText));
    }
  }
  return packDocx({ title: plan.projectTitle, creator: t("appName"), frame, children });
}

// ---------------------------------------------------------------------------------------------
// The download's name

// Shared with the other exports; kept here for the plan routes.
export { exportContentDisposition } from "~/editor/docx.server";
