import * as Y from "yjs";
import { jsonToText, ydocToJson } from "../editor/content.server";
import type { JSONContent } from "@tiptap/core";

// What a shared text's derivation computes from its Y.js document (decision 010): the JSON and
// plain text stored beside it, and the whole state when it is folded. Run on the derivation
// worker's copy of the document (derive.worker.ts); on the server's own only if that worker failed.

export type Derived = { json: JSONContent; text: string; serialised: string; state: Uint8Array | null };

/** Null: not folding, and the JSON is the same as `lastJson` (nothing to write). */
export function deriveText(document: Y.Doc, fold: boolean, lastJson: string | undefined): Derived | null {
  const json = ydocToJson(document);
  const serialised = JSON.stringify(json);
  if (!fold && serialised === lastJson) return null;
  return { json, text: jsonToText(json), serialised, state: fold ? Y.encodeStateAsUpdate(document) : null };
}
