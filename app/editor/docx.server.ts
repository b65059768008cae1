import type { JSONContent } from "@tiptap/core";
import { mentionText } from "./mention-text";
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IParagraphOptions,
  type IRunOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from "docx";
import { tFor } from "~/i18n/i18n.server";
import { intlLocale, languageNames, type Lang } from "~/i18n/languages";

// The editor's ProseMirror JSON as Word blocks, and the pieces every export builds its .docx from
// (side-by-side languages, the "no text" note, the house style with its header and footer, the
// download's name). Shared by the plan, visit and report exports (decision 035).

export type Block = Paragraph | Table;
/** What a document's body holds besides: its table of contents. */
export type BodyBlock = Block | TableOfContents;

const BULLETS = "bullets";
const ORDERED = "ordered";
const INDENT = 720; // twips: half an inch per list or quote level
const MAX_LEVEL = 8;
const SAFE_LINK = /^(https?:|mailto:)/i;
const MONOSPACE = "Consolas";
const HEADER_FILL = "E5EBF2";
const INK = "1F3A5F"; // the headings' dark blue
const QUIET = "595959"; // header, footer and notes: grey that still prints legibly

// Word takes one font per script and no fallbacks: Calibri for Latin text, Microsoft YaHei (Windows'
// Simplified-Chinese UI face) for Chinese. Where they are missing (LibreOffice on Linux), the run's
// East-Asian language (zh-CN) is what makes the substitute a Simplified-Chinese face, not a Japanese one.
const FONTS = { ascii: "Calibri", hAnsi: "Calibri", cs: "Calibri", eastAsia: "Microsoft YaHei" };

/**
 * A run's language: its own for Latin text (spelling, hyphenation) and always Simplified Chinese for
 * East-Asian characters, which in this partnership are Chinese wherever they stand (a name in a
 * Swedish text too).
 */
export const runLanguage = (lang: Lang) => ({ value: intlLocale[lang], eastAsia: intlLocale.zh });

/** A stored text that is a document, as the editor saves it. */
export function isDocument(json: unknown): json is JSONContent {
  return typeof json === "object" && json !== null && (json as { type?: unknown }).type === "doc";
}

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

type Marks = { bold?: boolean; italics?: boolean; strike?: boolean; underline?: boolean; code?: boolean };
type Context = { lang: Lang; quote: number; listLevel: number; bold: boolean };

/** ProseMirror JSON of the editor's schema to docx blocks; nodes outside the schema are left out (their text kept where it is inline). */
export class DocxConverter {
  private instance = 0;

  /** The text's blocks, each run tagged with the text's language. */
  blocks(nodes: JSONContent[] | undefined, lang: Lang): Block[] {
    return this.blockList(nodes, { lang, quote: 0, listLevel: -1, bold: false });
  }

  private blockList(nodes: JSONContent[] | undefined, context: Context): Block[] {
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
        return this.blockList(node.content, { ...context, quote: context.quote + 1 });
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
        return this.blockList(node.content, context);
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

  private inline(nodes: JSONContent[] | undefined, context: Context): ParagraphChild[] {
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
        const run = (extra: IRunOptions = {}) => new TextRun({ ...runOptions(marks), language: runLanguage(context.lang), ...extra, text: node.text });
        children.push(href ? new ExternalHyperlink({ link: href, children: [run({ style: "Hyperlink" })] }) : run());
      } else if (node.type === "hardBreak") {
        children.push(new TextRun({ break: 1 }));
      } else if (node.type === "mention") {
        children.push(new TextRun({ ...runOptions({ bold: context.bold }), language: runLanguage(context.lang), text: mentionText(node) }));
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
    const runs = text.split("\n").map((line, index) => new TextRun({ text: line, font: MONOSPACE, language: runLanguage(context.lang), ...(index > 0 ? { break: 1 } : {}) }));
    return new Paragraph({ ...this.paragraphProps(context), shading: { type: ShadingType.CLEAR, fill: "F1F3F5", color: "auto" }, children: runs });
  }

  private table(node: JSONContent, context: Context): Block[] {
    const cellContext: Context = { lang: context.lang, quote: 0, listLevel: -1, bold: false };
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
              children: cellBlocks(this.blockList(cell.content, { ...cellContext, bold: header })),
              ...(colspan > 1 ? { columnSpan: colspan } : {}),
              ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
              ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: "auto" } } : {}),
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

/** A grey italic note in place of a text that is missing ("No text in this language yet"). */
export function missingParagraph(text: string, lang?: Lang) {
  return new Paragraph({ children: [new TextRun({ text, italics: true, color: QUIET, ...(lang ? { language: runLanguage(lang) } : {}) })] });
}

/**
 * Two or more languages side by side: a header row of language names (repeated on each page), then
 * one row per group of blocks that correspond across the languages, so a paragraph stands beside its
 * translation rather than drifting apart over a long text. `rows` holds each row's content per language.
 */
export function sideBySide(langs: Lang[], rows: ((lang: Lang) => Block[])[]): Block[] {
  const width = { size: Math.floor(100 / langs.length), type: WidthType.PERCENTAGE };
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: langs.map(
            (lang) =>
              new TableCell({
                width,
                shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: "auto" },
                children: [new Paragraph({ keepNext: true, children: [new TextRun({ text: languageNames[lang], bold: true, language: runLanguage(lang) })] })],
              }),
          ),
        }),
        ...rows.map((content) => new TableRow({ children: langs.map((lang) => new TableCell({ width, children: cellBlocks(content(lang)) })) })),
      ],
    }),
    new Paragraph({}),
  ];
}

const signature = (node: JSONContent) => (node.type === "heading" ? `heading${Number(node.attrs?.level) || 2}` : (node.type ?? ""));

/** A text's top-level blocks in groups, each group a heading and what follows it (the first: what precedes any heading). */
function headingGroups(nodes: JSONContent[]) {
  const groups: JSONContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === "heading" && groups[groups.length - 1]!.length > 0) groups.push([]);
    groups[groups.length - 1]!.push(node);
  }
  return groups;
}

/**
 * How texts in several languages line up in rows (decision 035): block by block when their top-level
 * blocks are of the same kinds in the same order (a translation kept to its original's shape); else
 * heading by heading when they have as many headings; else the whole texts in one row, as nothing
 * says which block answers which. Null (one row) when a text is missing.
 */
export function alignBlocks(texts: (JSONContent | undefined)[]): JSONContent[][][] | null {
  if (texts.some((text) => !text)) return null;
  const nodes = texts.map((text) => text!.content ?? []);
  const [first, ...others] = nodes.map((list) => list.map(signature).join(" "));
  if (others.every((other) => other === first)) return nodes[0]!.map((_, index) => nodes.map((list) => [list[index]!]));
  const groups = nodes.map(headingGroups);
  if (groups.every((list) => list.length === groups[0]!.length)) return groups[0]!.map((_, index) => groups.map((list) => list[index]!));
  return [nodes];
}

/** Texts in several languages side by side, in aligned rows; a missing text is the note in its column. */
export function sideBySideTexts(converter: DocxConverter, langs: Lang[], text: (lang: Lang) => JSONContent | undefined, missing: (lang: Lang) => string): Block[] {
  const texts = langs.map(text);
  const aligned = alignBlocks(texts);
  if (!aligned) {
    return sideBySide(langs, [(lang) => (texts[langs.indexOf(lang)] ? converter.blocks(texts[langs.indexOf(lang)]!.content, lang) : [missingParagraph(missing(lang), lang)])]);
  }
  return sideBySide(
    langs,
    aligned.map((row) => (lang: Lang) => converter.blocks(row[langs.indexOf(lang)], lang)),
  );
}

// ---------------------------------------------------------------------------------------------
// The house style: Word's own styles restyled, a header naming the project and both cities, a footer
// with the export's date, the document's status and "page X of Y" in the document's language(s).

/** What heads every page and what the first page says of the document, in each of its languages. */
export type DocumentFrame = {
  /** The document's languages, the first its own (what Word's default language is). */
  langs: Lang[];
  /** The project's title in each language, once where two come to the same. */
  projectTitles: string[];
  /** "Västerås stad · Jinans stad" in each language. */
  cities: string[];
  /** The day the export was made, already written in the first language. */
  exportedOn: string;
  /** A short status for the footer ("Version 2", "Draft"), in the first language. */
  status?: string;
};

const size = (points: number) => points * 2;

function houseStyles(lang: Lang) {
  const heading = (points: number, before: number, extra: { italics?: boolean } = {}) => ({
    run: { font: FONTS, size: size(points), bold: true, color: INK, ...extra },
    paragraph: { spacing: { before, after: 80, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: { font: FONTS, size: size(11), language: runLanguage(lang) },
        // "auto" said outright: without it LibreOffice takes 276 as an exact height and overlaps a title's lines.
        paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: FONTS, size: size(24), bold: true, color: INK }, paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO } } },
      heading1: heading(16, 360),
      heading2: heading(13, 240),
      heading3: heading(12, 200),
      heading4: heading(11, 160, { italics: true }),
      hyperlink: { run: { color: "1F5FA8", underline: {} } },
    },
    paragraphStyles: [
      { id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "Normal", quickFormat: true, run: { size: size(14), color: QUIET }, paragraph: { spacing: { after: 240 } } },
      { id: "Header", name: "header", basedOn: "Normal", run: { size: size(9), color: QUIET }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: "Footer", name: "footer", basedOn: "Normal", run: { size: size(9), color: QUIET }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: "TOCHeading", name: "TOC Heading", basedOn: "Normal", next: "Normal", run: { size: size(16), bold: true, color: INK }, paragraph: { spacing: { before: 240, after: 120 } } },
    ],
  };
}

/** "Sida X av Y" with Word's page fields in place of X and Y, in each language. */
function pageOf(langs: Lang[]) {
  const children: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  langs.forEach((lang, index) => {
    if (index > 0) children.push(" / ");
    const text = tFor(lang)("export:document.pageOf", { page: "\u0001", pages: "\u0002" });
    for (const part of text.split(/(\u0001|\u0002)/)) {
      if (part === "\u0001") children.push(PageNumber.CURRENT);
      else if (part === "\u0002") children.push(PageNumber.TOTAL_PAGES);
      else if (part) children.push(part);
    }
  });
  return children;
}

// A4 with 2 cm side margins: the text is 17 cm wide, the footer's right tab at its end.
const TEXT_WIDTH = 9638;

function frameHeader(frame: DocumentFrame) {
  const lines = (texts: string[]) => texts.join(" / ");
  return new Header({
    children: [
      new Paragraph({ style: "Header", children: [new TextRun({ text: lines(frame.projectTitles), bold: true })] }),
      new Paragraph({
        style: "Header",
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "B0B7C3", space: 4 } },
        children: [new TextRun({ text: lines(frame.cities) })],
      }),
    ],
  });
}

function frameFooter(frame: DocumentFrame) {
  const t = tFor(frame.langs[0]!);
  const left = [t("export:document.exported", { date: frame.exportedOn }), frame.status].filter(Boolean).join(" · ");
  return new Footer({
    children: [
      new Paragraph({
        style: "Footer",
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: "B0B7C3", space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [new TextRun({ text: left }), new TextRun({ children: ["\t", ...pageOf(frame.langs)] })],
      }),
    ],
  });
}

/** A table of contents of the Heading 1 titles, under a title of its own that is no heading (so not listed itself). */
export function contents(langs: Lang[]): BodyBlock[] {
  const title = langs.map((lang) => tFor(lang)("export:document.contents")).join(" / ");
  return [new Paragraph({ style: "TOCHeading", keepNext: true, children: [new TextRun(title)] }), new TableOfContents(title, { hyperlink: true, headingStyleRange: "1-1" })];
}

/** A .docx of these blocks in the house style, with its header and footer and the list numbering the converter refers to. */
export function packDocx({ title, creator, frame, children }: { title: string; creator: string; frame: DocumentFrame; children: BodyBlock[] }): Promise<Buffer> {
  const numbering = { config: [{ reference: BULLETS, levels: listLevels(false) }, { reference: ORDERED, levels: listLevels(true) }] };
  return Packer.toBuffer(
    new Document({
      title,
      creator,
      numbering,
      styles: houseStyles(frame.langs[0]!),
      sections: [
        {
          properties: {
            page: {
              size: { width: 11906, height: 16838 },
              margin: { top: 1418, bottom: 1418, left: 1134, right: 1134, header: 567, footer: 567 },
            },
          },
          headers: { default: frameHeader(frame) },
          footers: { default: frameFooter(frame) },
          children,
        },
      ],
    }),
  );
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Content-Disposition for the download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function exportContentDisposition(title: string, langs: Lang[], extension = "docx", fallback = "plan") {
  const suffix = ` (${langs.join("-")}).${extension}`;
  let ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^A-Za-z0-9 .()-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s_.-]+|[\s_.-]+$/g, "")
    .slice(0, 120);
  if (!/[A-Za-z0-9]/.test(ascii)) ascii = fallback;
  const encoded = encodeURIComponent(`${title}${suffix}`).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}${suffix}"; filename*=UTF-8''${encoded}`;
}
