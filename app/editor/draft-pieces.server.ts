import type { JSONContent } from "@tiptap/core";
import { mentionText } from "./mention-text";
import { Mark } from "@tiptap/pm/model";
import { normaliseDocument, schema } from "./content.server";

// A rich text goes to a machine-translation provider in pieces (decision 022): the inline content
// of each paragraph and heading as HTML, its marks as tags. The structure around them (headings,
// lists, tables, code blocks) stays on the server: each drafted piece is read back into the block
// it came from, so a provider can neither lose a list nor add a node, and of its HTML only the
// marks the schema knows survive, with only the link addresses the piece had.

/** The blocks whose words are translated; a code block is code, and stays as it is. */
const TRANSLATED_BLOCKS = new Set(["paragraph", "heading"]);

const MARK_TAGS: Record<string, string> = { bold: "strong", italic: "em", underline: "u", strike: "s", code: "code" };
const TAG_MARKS: Record<string, string> = { strong: "bold", b: "bold", em: "italic", i: "italic", u: "underline", s: "strike", strike: "strike", del: "strike", code: "code" };
const VOID_TAGS = new Set(["br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed", "param", "track"]);
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

type MarkJson = { type: string; attrs?: Record<string, unknown> };

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, "&quot;");

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A block's inline content as the provider gets it: text escaped, marks as tags, line breaks as <br>. */
export function inlineToHtml(content: JSONContent[]): string {
  return content
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      // A mention goes as its text: the draft is read back as text, so it does not notify again.
      if (node.type === "mention") return escapeText(mentionText(node));
      if (node.type !== "text" || !node.text) return "";
      let html = escapeText(node.text);
      // The first mark outermost, as the schema orders them.
      for (const mark of [...(node.marks ?? [])].reverse()) {
        // The link's own address, from the stored text (not one of ours: not built from the route map).
        if (mark.type === "link") html = `<a ${attribute("href", String(mark.attrs?.href ?? ""))}>${html}</a>`;
        else if (MARK_TAGS[mark.type]) html = `<${MARK_TAGS[mark.type]}>${html}</${MARK_TAGS[mark.type]}>`;
      }
      return html;
    })
    .join("");
}

/**
 * A drafted piece read back as inline content: known mark tags become marks (a valid set: code
 * takes no other mark), <br> a line break, anything else only its text. A link keeps its address
 * only when the piece sent had that address.
 */
export function htmlToInline(html: string, hrefs: ReadonlySet<string>): JSONContent[] {
  const out: JSONContent[] = [];
  const open: { tag: string; mark: MarkJson | null }[] = [];
  const tokens = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|<!--[\s\S]*?(?:-->|$)|([^<]+|<)/g;
  for (const token of html.matchAll(tokens)) {
    const [, closing, rawTag, attributes, rawText] = token;
    if (rawText !== undefined) {
      // Whitespace as HTML reads it: a run of it is one space (a no-break space is no such whitespace).
      const text = decodeEntities(rawText.replace(/[ \t\r\n\f]+/g, " ")).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
      if (text === "") continue;
      let marks = Mark.none;
      for (const entry of open) if (entry.mark) marks = schema.markFromJSON(entry.mark).addToSet(marks);
      const node: JSONContent = { type: "text", text, ...(marks.length > 0 ? { marks: marks.map((mark) => mark.toJSON() as MarkJson) } : {}) };
      const previous = out.at(-1);
      // Text beside text with the same marks is one text (a lone "<" is read on its own).
      if (previous?.type === "text" && JSON.stringify(previous.marks) === JSON.stringify(node.marks)) previous.text += text;
      else out.push(node);
      continue;
    }
    if (!rawTag) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = open.map((entry) => entry.tag).lastIndexOf(tag);
      if (at >= 0) open.length = at;
      continue;
    }
    if (tag === "br") {
      out.push({ type: "hardBreak" });
      continue;
    }
    if (VOID_TAGS.has(tag) || attributes?.trimEnd().endsWith("/")) continue;
    if (tag === "a") {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes ?? "");
      const address = href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? "") : "";
      open.push({ tag, mark: hrefs.has(address) ? { type: "link", attrs: { href: address } } : null });
    } else {
      open.push({ tag, mark: TAG_MARKS[tag] ? { type: TAG_MARKS[tag] } : null });
    }
  }
  // A block's text starts and ends with its words, as the source's did.
  const first = out[0];
  if (first?.type === "text") first.text = first.text!.trimStart();
  const last = out.at(-1);
  if (last?.type === "text") last.text = last.text!.trimEnd();
  return out.filter((node) => node.type !== "text" || node.text !== "");
}

function linkAddresses(content: JSONContent[]): Set<string> {
  const hrefs = new Set<string>();
  for (const node of content) for (const mark of node.marks ?? []) if (mark.type === "link" && typeof mark.attrs?.href === "string") hrefs.add(mark.attrs.href);
  return hrefs;
}

export type DraftPieces = {
  /** One piece of HTML per paragraph or heading with text, in document order. */
  pieces: string[];
  /** The document with each piece's draft in place of its text, through the schema. */
  fill(drafts: string[]): JSONContent;
};

/** A document cut into the pieces a provider translates, and put together again from their drafts. */
export function draftPieces(document: JSONContent): DraftPieces {
  const copy = structuredClone(normaliseDocument(document));
  const blocks: JSONContent[] = [];
  const visit = (node: JSONContent) => {
    if (node.type && TRANSLATED_BLOCKS.has(node.type)) {
      if ((node.content ?? []).some((child) => child.type === "text" && child.text?.trim())) blocks.push(node);
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(copy);
  const hrefs = blocks.map((block) => linkAddresses(block.content ?? []));
  return {
    pieces: blocks.map((block) => inlineToHtml(block.content ?? [])),
    fill(drafts) {
      blocks.forEach((block, index) => {
        const content = htmlToInline(drafts[index] ?? "", hrefs[index]!);
        if (content.length > 0) block.content = content;
        else delete block.content;
      });
      return normaliseDocument(copy);
    },
  };
}

const attribute = (name: string, value: string) => `${name}="${escapeAttribute(value)}"`;
