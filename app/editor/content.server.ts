import { TiptapTransformer } from "@hocuspocus/transformer";
import { generateText, getSchema, type JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import type { Node as PmNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { schemaExtensions, TIPTAP_FIELD } from "./extensions";

// Between the three forms of a text: the Y.js document the editors share, ProseMirror JSON, and
// plain text. All through the one extension list, without a DOM.

export const emptyDocument: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

export const schema = getSchema(schemaExtensions);

/**
 * Keeps only what the schema knows: node and mark types, and the attributes they declare. A
 * modified client can put anything into a shared document; nothing else reaches storage or a page.
 */
export function normaliseDocument(json: JSONContent): JSONContent {
  const clean = (node: JSONContent): JSONContent | null => {
    const type = node.type ? schema.nodes[node.type] : undefined;
    if (!type) return null;
    const out: JSONContent = { type: node.type };
    if (node.text !== undefined) out.text = String(node.text);
    const attrs = Object.fromEntries(Object.entries(node.attrs ?? {}).filter(([name]) => name in (type.spec.attrs ?? {})));
    if (Object.keys(attrs).length > 0) out.attrs = attrs;
    const marks = (node.marks ?? []).flatMap((mark) => {
      const markType = schema.marks[mark.type];
      if (!markType) return [];
      const markAttrs = Object.fromEntries(Object.entries(mark.attrs ?? {}).filter(([name]) => name in (markType.spec.attrs ?? {})));
      return [{ type: mark.type, ...(Object.keys(markAttrs).length > 0 ? { attrs: markAttrs } : {}) }];
    });
    if (marks.length > 0) out.marks = marks;
    const content = (node.content ?? []).map(clean).filter((child): child is JSONContent => child !== null);
    if (content.length > 0) out.content = content;
    return out;
  };
  const result = clean(json);
  if (!result || result.type !== "doc") return emptyDocument;
  try {
    // Whatever still breaks the schema's content rules (a table cell in a paragraph…) gives way.
    schema.nodeFromJSON(result).check();
    return result;
  } catch {
    return emptyDocument;
  }
}

export function ydocToJson(ydoc: Y.Doc): JSONContent {
  return normaliseDocument(TiptapTransformer.fromYdoc(ydoc, TIPTAP_FIELD) as JSONContent);
}

export function jsonToText(json: JSONContent): string {
  return generateText(json, schemaExtensions, { blockSeparator: "\n" }).trim();
}

export function jsonToYdocUpdate(json: JSONContent): Uint8Array {
  return Y.encodeStateAsUpdate(TiptapTransformer.toYdoc(json, TIPTAP_FIELD, schemaExtensions));
}

/**
 * ProseMirror ends an empty paragraph or heading, or one ending in a line break, with a <br> of its
 * own so that the line shows; the server-rendered text does the same, so that it is as tall as the
 * live editor that replaces it.
 */
const trailingBreak = (node: PmNode) => {
  const last = node.lastChild;
  return !last || last.type.name === "hardBreak" || (last.isText && last.text?.endsWith("\n")) ? '<br class="ProseMirror-trailingBreak">' : "";
};
const joined = (children: string | string[] | undefined) => (Array.isArray(children) ? children.join("") : (children ?? ""));

/** Server-side HTML, only ever from the schema: text is escaped, unknown nodes are dropped. */
export function jsonToHtml(json: JSONContent | null | undefined): string {
  return renderToHTMLString({
    content: normaliseDocument(json ?? emptyDocument),
    extensions: schemaExtensions,
    options: {
      nodeMapping: {
        paragraph: ({ node, children }) => `<p>${joined(children)}${trailingBreak(node)}</p>`,
        heading: ({ node, children }) => {
          const level = [2, 3, 4].includes(node.attrs.level as number) ? (node.attrs.level as number) : 2;
          return `<h${level}>${joined(children)}${trailingBreak(node)}</h${level}>`;
        },
      },
    },
  });
}
