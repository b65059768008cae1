import { IncomingMessage, MessageType, type Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { TIPTAP_FIELD } from "~/editor/extensions";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS } from "./limits";
import type { ServerNotice } from "./messages";

// The size limit of one shared text (app/collab/limits.ts), checked before a writer's change is
// applied: a refused change never reaches the server's document, the database or other readers.

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Y.js update a message carries (sync step 2 or an update), else null. */
function updateOf(message: Uint8Array): Uint8Array | null {
  const incoming = new IncomingMessage(message);
  incoming.readVarString();
  const type = incoming.readVarUint();
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
  const step = incoming.readVarUint();
  return step === SYNC_STEP_2 || step === SYNC_UPDATE ? incoming.readVarUint8Array() : null;
}

/** Characters of text in a tiptap document (what the editor shows; each embed counts one). */
export function textLength(node: Y.XmlFragment | Y.XmlElement): number {
  let total = 0;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) total += child.length;
    else if (child instanceof Y.XmlElement) total += textLength(child);
  }
  return total;
}

/**
 * What a document measured when last counted exactly, and how many bytes of updates it took in
 * since. An update of n bytes adds at most n characters (each takes at least one byte), so until
 * the sum could pass a limit no change needs counting: a writer far from the limit costs nothing.
 */
type Measure = { chars: number; bytes: number; since: number };
const measures = new WeakMap<Y.Doc, Measure>();

function measureOf(document: Y.Doc): Measure {
  let measure = measures.get(document);
  if (!measure) {
    measure = { chars: textLength(document.getXmlFragment(TIPTAP_FIELD)), bytes: Y.encodeStateAsUpdate(document).byteLength, since: 0 };
    measures.set(document, measure);
    // Every change counts, whoever made it (another process through Redis, a restored version).
    const counted = measure;
    document.on("update", (update: Uint8Array) => {
      counted.since += update.byteLength;
    });
  }
  return measure;
}

/**
 * Whether applying `update` would take the document past a limit: more characters than
 * MAX_DOCUMENT_CHARS (unless it shortens a text that was already longer) or more bytes than
 * MAX_DOCUMENT_BYTES. Counted exactly, on a copy, only near a limit.
 */
export function exceedsLimit(document: Y.Doc, update: Uint8Array): boolean {
  const measure = measureOf(document);
  // Changes waiting for a missing earlier one are applied with a later update: count them in.
  const pending = (document.store.pendingStructs?.update.byteLength ?? 0) + (document.store.pendingDs?.byteLength ?? 0);
  const atMost = measure.since + pending + update.byteLength;
  if (measure.chars + atMost <= MAX_DOCUMENT_CHARS && measure.bytes + atMost <= MAX_DOCUMENT_BYTES) return false;

  const state = Y.encodeStateAsUpdate(document);
  const chars = textLength(document.getXmlFragment(TIPTAP_FIELD));
  Object.assign(measure, { chars, bytes: state.byteLength, since: 0 });
  const trial = new Y.Doc();
  try {
    Y.applyUpdate(trial, state);
    Y.applyUpdate(trial, update);
    const after = textLength(trial.getXmlFragment(TIPTAP_FIELD));
    return (after > MAX_DOCUMENT_CHARS && after > chars) || Y.encodeStateAsUpdate(trial).byteLength > MAX_DOCUMENT_BYTES;
  } finally {
    trial.destroy();
  }
}

export const documentSizeLimit: Extension = {
  async beforeHandleMessage({ connection, document, update: message, documentName }) {
    if (connection.readOnly) return;
    const update = updateOf(message);
    if (!update || !exceedsLimit(document, update)) return;
    // Read-only from now on, this connection's changes are dropped (Hocuspocus answers "not
    // applied"): this one and any typed after it, which build on it. The writer is told; their
    // editor then reloads the text as it is shared.
    connection.readOnly = true;
    connection.sendStateless(JSON.stringify({ type: "tooLong", maxChars: MAX_DOCUMENT_CHARS } satisfies ServerNotice));
    console.warn(`Collaboration: a change to ${documentName} refused, the text would pass ${MAX_DOCUMENT_CHARS} characters or ${MAX_DOCUMENT_BYTES} bytes`);
  },
};
