import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IParagraphOptions,
  type IRunOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from "docx";
import { z } from "zod";
import { db } from "~/db/db.server";
import { jsonToHtml } from "~/editor/content.server";
import { tFor } from "~/i18n/i18n.server";
import { languageName } from "~/i18n/format";
import { htmlLang, languageNames, languages, type Lang } from "~/i18n/languages";
import { PlanError, type SectionTitle } from "./plan.server";

// The plan as a Word document and as a print page, from the stored ProseMirror JSON only (never
// from a client's HTML): one language after another section by section, or two side by side.

export type ExportOptions = { projectId: string; lang: Lang; second?: Lang; sectionIds?: string[] };

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

/**
 * The project's chosen sections in plan order. Every id of `sectionIds` must be a section of this
 * project that is not removed; otherwise PlanError("errors:badRequest").
 */
export async function loadPlanExport({ projectId, lang, second, sectionIds }: ExportOptions): Promise<PlanExport> {
  if (second === lang) throw new PlanError("errors:badRequest");
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { title: true } });
  const langs = second ? [lang, second] : [lang];
  const wanted = sectionIds ? [...new Set(sectionIds)] : undefined;
  const sections = await db.planSection.findMany({
    where: { projectId, removedAt: null, ...(wanted ? { id: { in: wanted } } : {}) },
    orderBy: { position: "asc" },
    include: { texts: { where: { lang: { in: langs } }, select: { lang: true, json: true, text: true } } },
  });
  if (wanted && sections.length !== wanted.length) throw new PlanError("errors:badRequest");
  return {
    projectTitle: project.title,
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

function isDocument(json: unknown): json is JSONContent {
  return typeof json === "object" && json !== null && (json as { type?: unknown }).type === "doc";
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
export type PrintCell = { lang: Lang; htmlLang: string; html: string | null; missing: string };
export type PlanPrint = {
  projectTitle: string;
  planTitle: string;
  columns: { lang: Lang; htmlLang: string; name: string }[];
  sections: { id: string; titles: PrintTitle[]; cells: PrintCell[] }[];
};

export async function planPrint(options: ExportOptions): Promise<PlanPrint> {
  const plan = await loadPlanExport(options);
  return {
    projectTitle: plan.projectTitle,
    planTitle: plan.langs.map((lang) => tFor(lang)("plan:title")).join(" / "),
    columns: plan.langs.map((lang) => ({ lang, htmlLang: htmlLang[lang], name: languageNames[lang] })),
    sections: plan.sections.map((section) => ({
      id: section.id,
      titles: uniqueTitles(section, plan.langs).map(({ lang, title }) => ({
        lang,
        htmlLang: htmlLang[title.original ?? lang],
        text: title.text,
        note: originalNote(title, lang),
        noteLang: htmlLang[lang],
      })),
      cells: plan.langs.map((lang) => {
        const json = section.content[lang];
        return { lang, htmlLang: htmlLang[lang], html: json ? jsonToHtml(json) : null, missing: noText(lang) };
      }),
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

const BULLETS = "bullets";
const ORDERED = "ordered";
const INDENT = 720; // twips: half an inch per list or quote level
const MAX_LEVEL = 8;
const SAFE_LINK = /^(https?:|mailto:)/i;
const MONOSPACE = "Consolas";

function listLevels(ordered: boolean, start = 1): ILevelsOptions[] {
  const bulletSymbols = ["•", "◦", "▪"];
  const numberFormats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
    level,
    format: ordered ? numberFormats[level % 3] : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : bulletSymbols[level % 3],
    alignment: AlignmentType.START,
    start: level === 0 ? start : 1,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
  }));
}

type Block = Paragraph | Table;
type Marks = { bold?: boolean; italics?: boolean; strike?: boolean; underline?: boolean; code?: boolean };
type Context = { quote: number; listLevel: number; bold: boolean };
const topContext: Context = { quote: 0, listLevel: -1, bold: false };

/** ProseMirror JSON of the editor's schema to docx blocks; nodes outside the schema are left out (their text kept where it is inline). */
class DocxConverter {
  private instance = 0;

  blocks(nodes: JSONContent[] | undefined, context: Context = topContext): Block[] {
    return (nodes ?? []).flatMap((node) => this.block(node, context));
  }

  private block(node: JSONContent, context: Context): Block[] {
    switch (node.type) {
      case "paragraph":
        return [this.paragraph(node.content, context)];
      case "heading": {
        const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
        const heading = ({ 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const)[level as 2 | 3 | 4];
        return [this.paragraph(node.content, context, { heading })];
      }
      case "bulletList":
      case "orderedList":
        return this.list(node, context);
      case "blockquote":
        return this.blocks(node.content, { ...context, quote: context.quote + 1 });
      case "codeBlock":
        return [this.codeBlock(node, context)];
      case "horizontalRule":
        return [
          new Paragraph({
            ...this.paragraphProps(context),
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } },
          }),
        ];
      case "table":
        return this.table(node, context);
      case "doc":
        return this.blocks(node.content, context);
      default:
        return [];
    }
  }

  private paragraphProps(context: Context, extraIndent = 0): Partial<IParagraphOptions> {
    const left = context.quote * INDENT + extraIndent;
    return {
      ...(left > 0 ? { indent: { left } } : {}),
      ...(context.quote > 0 ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: "B0B7C3", space: 8 } } } : {}),
    };
  }

  private paragraph(content: JSONContent[] | undefined, context: Context, options: Partial<IParagraphOptions> = {}, extraIndent = 0) {
    return new Paragraph({ ...this.paragraphProps(context, extraIndent), ...options, children: this.inline(content, context) });
  }

  inline(nodes: JSONContent[] | undefined, context: Context): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    for (const node of nodes ?? []) {
      if (node.type === "text" && typeof node.text === "string" && node.text !== "") {
        const marks: Marks = { bold: context.bold };
        let href: string | undefined;
        for (const mark of node.marks ?? []) {
          if (mark.type === "bold") marks.bold = true;
          else if (mark.type === "italic") marks.italics = true;
          else if (mark.type === "strike") marks.strike = true;
          else if (mark.type === "underline") marks.underline = true;
          else if (mark.type === "code") marks.code = true;
          else if (mark.type === "link" && typeof mark.attrs?.href === "string" && SAFE_LINK.test(mark.attrs.href.trim())) {
            href = mark.attrs.href.trim();
          }
        }
        const run = (extra: IRunOptions = {}) => new TextRun({ ...runOptions(marks), ...extra, text: node.text });
        children.push(href ? new ExternalHyperlink({ link: href, children: [run({ style: "Hyperlink" })] }) : run());
      } else if (node.type === "hardBreak") {
        children.push(new TextRun({ break: 1 }));
      } else if (node.content) {
        children.push(...this.inline(node.content, context));
      }
    }
    return children;
  }

  private list(node: JSONContent, context: Context): Block[] {
    const ordered = node.type === "orderedList";
    const level = Math.min(MAX_LEVEL, context.listLevel + 1);
    const start = ordered ? Math.max(0, Math.floor(Number(node.attrs?.start ?? 1)) || 1) : 1;
    const reference: string | NumberingDefinition = !ordered
      ? BULLETS
      : start === 1
        ? ORDERED
        : { reference: `${ORDERED}-${start}`, levels: listLevels(true, start) };
    // Each list is its own instance: a numbered list counts from its start again.
    const instance = ++this.instance;
    const inner: Context = { ...context, listLevel: level };
    const out: Block[] = [];
    for (const item of node.content ?? []) {
      if (item.type !== "listItem") continue;
      let numbered = false;
      for (const child of item.content ?? []) {
        if (!numbered && (child.type === "paragraph" || child.type === "heading")) {
          out.push(this.paragraph(child.content, inner, { numbering: { reference, level, instance } }));
          numbered = true;
        } else if (child.type === "paragraph") {
          // A list item's further paragraphs line up with its text, without a number.
          out.push(this.paragraph(child.content, inner, {}, INDENT * (level + 1)));
        } else {
          out.push(...this.block(child, inner));
        }
      }
      if (!numbered) out.push(new Paragraph({ ...this.paragraphProps(inner), numbering: { reference, level, instance } }));
    }
    return out;
  }

  private codeBlock(node: JSONContent, context: Context) {
    const text = (node.content ?? []).map((child) => child.text ?? "").join("");
    const runs = text.split("\n").map((line, index) => new TextRun({ text: line, font: MONOSPACE, ...(index > 0 ? { break: 1 } : {}) }));
    return new Paragraph({ ...this.paragraphProps(context), shading: { type: ShadingType.CLEAR, fill: "F1F3F5", color: "auto" }, children: runs });
  }

  private table(node: JSONContent, context: Context): Block[] {
    const cellContext: Context = { quote: 0, listLevel: -1, bold: false };
    const rows = (node.content ?? [])
      .filter((row) => row.type === "tableRow")
      .map((row) => {
        const cells = (row.content ?? [])
          .filter((cell) => cell.type === "tableCell" || cell.type === "tableHeader")
          .map((cell) => {
            const header = cell.type === "tableHeader";
            const colspan = Number(cell.attrs?.colspan) || 1;
            const rowspan = Number(cell.attrs?.rowspan) || 1;
            return new TableCell({
              children: cellBlocks(this.blocks(cell.content, { ...cellContext, bold: header })),
              ...(colspan > 1 ? { columnSpan: colspan } : {}),
              ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
              ...(header ? { shading: { type: ShadingType.CLEAR, fill: "E5EBF2", color: "auto" } } : {}),
            });
          });
        return cells.length > 0 ? new TableRow({ children: cells }) : null;
      })
      .filter((row): row is TableRow => row !== null);
    if (rows.length === 0) return [];
    const indent = context.quote * INDENT;
    return [
      new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE }, ...(indent > 0 ? { indent: { size: indent, type: WidthType.DXA } } : {}) }),
      // Word wants a paragraph between a table and what follows (and at the end of a cell).
      new Paragraph({}),
    ];
  }
}

function runOptions(marks: Marks): IRunOptions {
  return {
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.strike ? { strike: true } : {}),
    ...(marks.underline ? { underline: {} } : {}),
    ...(marks.code ? { font: MONOSPACE } : {}),
  };
}

/** A table cell holds at least one paragraph and ends with one. */
function cellBlocks(blocks: Block[]): Block[] {
  if (blocks.length === 0 || !(blocks[blocks.length - 1] instanceof Paragraph)) return [...blocks, new Paragraph({})];
  return blocks;
}

function missingParagraph(lang: Lang) {
  return new Paragraph({ children: [new TextRun({ text: noText(lang), italics: true, color: "666666" })] });
}

function titleRuns(section: ExportSection, langs: Lang[]): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const [index, { lang, title }] of uniqueTitles(section, langs).entries()) {
    if (index > 0) runs.push(new TextRun({ text: " / " }));
    runs.push(new TextRun({ text: title.text }));
    const note = originalNote(title, lang);
    if (note) runs.push(new TextRun({ text: ` ${note}`, italics: true, bold: false }));
  }
  return runs;
}

/** The plan as a .docx: title, then each chosen section with its text (or two languages side by side). */
export async function planDocx(options: ExportOptions): Promise<Buffer> {
  const plan = await loadPlanExport(options);
  const converter = new DocxConverter();
  const children: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: plan.projectTitle })] }),
    new Paragraph({ children: [new TextRun({ text: plan.langs.map((lang) => tFor(lang)("plan:title")).join(" / "), color: "555555", size: 28 })] }),
  ];
  for (const section of plan.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: titleRuns(section, plan.langs) }));
    const content = (lang: Lang) => {
      const json = section.content[lang];
      return json ? converter.blocks(json.content) : [missingParagraph(lang)];
    };
    if (plan.langs.length === 1) {
      children.push(...content(options.lang));
      continue;
    }
    const width = { size: Math.floor(100 / plan.langs.length), type: WidthType.PERCENTAGE };
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: plan.langs.map(
              (lang) =>
                new TableCell({
                  width,
                  shading: { type: ShadingType.CLEAR, fill: "E5EBF2", color: "auto" },
                  children: [new Paragraph({ children: [new TextRun({ text: languageNames[lang], bold: true })] })],
                }),
            ),
          }),
          new TableRow({ children: plan.langs.map((lang) => new TableCell({ width, children: cellBlocks(content(lang)) })) }),
        ],
      }),
      new Paragraph({}),
    );
  }
  const numbering = { config: [{ reference: BULLETS, levels: listLevels(false) }, { reference: ORDERED, levels: listLevels(true) }] };
  const document = new Document({
    title: plan.projectTitle,
    creator: tFor(options.lang)("appName"),
    numbering,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

// ---------------------------------------------------------------------------------------------
// The download's name

/** Content-Disposition for the download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function exportContentDisposition(projectTitle: string, langs: Lang[], extension = "docx") {
  const suffix = ` (${langs.join("-")}).${extension}`;
  let ascii = projectTitle
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^A-Za-z0-9 .()-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s_.-]+|[\s_.-]+$/g, "")
    .slice(0, 120);
  if (!/[A-Za-z0-9]/.test(ascii)) ascii = "plan";
  const encoded = encodeURIComponent(`${projectTitle}${suffix}`).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}${suffix}"; filename*=UTF-8''${encoded}`;
}
