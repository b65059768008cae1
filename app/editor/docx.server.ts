import type { JSONContent } from "@tiptap/core";
import { mentionText } from "./mention-text";
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
import { languageNames, type Lang } from "~/i18n/languages";

// The editor's ProseMirror JSON as Word blocks, and the pieces every export builds its .docx from
// (side-by-side languages, the "no text" note, the download's name). Shared by the plan and visit exports.

export type Block = Paragraph | Table;

const BULLETS = "bullets";
const ORDERED = "ordered";
const INDENT = 720; // twips: half an inch per list or quote level
const MAX_LEVEL = 8;
const SAFE_LINK = /^(https?:|mailto:)/i;
const MONOSPACE = "Consolas";
const HEADER_FILL = "E5EBF2";

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
type Context = { quote: number; listLevel: number; bold: boolean };
const topContext: Context = { quote: 0, listLevel: -1, bold: false };

/** ProseMirror JSON of the editor's schema to docx blocks; nodes outside the schema are left out (their text kept where it is inline). */
export class DocxConverter {
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
      } else if (node.type === "mention") {
        children.push(new TextRun({ ...runOptions({ bold: context.bold }), text: mentionText(node) }));
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
export function missingParagraph(text: string) {
  return new Paragraph({ children: [new TextRun({ text, italics: true, color: "666666" })] });
}

/** Two or more languages side by side: a header row of language names, then one cell per language. */
export function sideBySide(langs: Lang[], content: (lang: Lang) => Block[]): Block[] {
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
                children: [new Paragraph({ children: [new TextRun({ text: languageNames[lang], bold: true })] })],
              }),
          ),
        }),
        new TableRow({ children: langs.map((lang) => new TableCell({ width, children: cellBlocks(content(lang)) })) }),
      ],
    }),
    new Paragraph({}),
  ];
}

/** A .docx of these blocks, with the list numbering the converter refers to. */
export function packDocx({ title, creator, children }: { title: string; creator: string; children: Block[] }): Promise<Buffer> {
  const numbering = { config: [{ reference: BULLETS, levels: listLevels(false) }, { reference: ORDERED, levels: listLevels(true) }] };
  return Packer.toBuffer(new Document({ title, creator, numbering, sections: [{ children }] }));
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
