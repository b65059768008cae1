import { TiptapTransformer } from "@hocuspocus/transformer";
import { generateText, type JSONContent } from "@tiptap/core";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import * as Y from "yjs";
import { schemaExtensions, TIPTAP_FIELD } from "./extensions";

// Between the three forms of a text: the Y.js document the editors share, ProseMirror JSON, and
// plain text. All through the one extension list, without a DOM.

export const emptyDocument: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

export function ydocToJson(ydoc: Y.Doc): JSONContent {
  return TiptapTransformer.fromYdoc(ydoc, TIPTAP_FIELD) as JSONContent;
}

export function jsonToText(json: JSONContent): string {
  return generateText(json, schemaExtensions, { blockSeparator: "\n" }).trim();
}

export function jsonToYdocUpdate(json: JSONContent): Uint8Array {
  return Y.encodeStateAsUpdate(TiptapTransformer.toYdoc(json, TIPTAP_FIELD, schemaExtensions));
}

/** Server-side HTML, only ever from the schema: text is escaped, unknown nodes are dropped. */
export function jsonToHtml(json: JSONContent | null | undefined): string {
  return renderToHTMLString({ content: json ?? emptyDocument, extensions: schemaExtensions });
}
