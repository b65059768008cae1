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
export function updateOf(message: Uint8Array): Uint8Array | null {
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
 * What a document measured when last counted, and how many bytes of updates it took in since
 * (one count for each limit). An update of n bytes adds at most n characters (each takes at least
 * one byte), so until the sum could pass a limit no change needs counting: a writer far from the
 * limit costs nothing, and one near it costs a count of the text's nodes (lengths are kept by Y.js)
 * and a look at the change itself, never a copy of the document.
 */
type Measure = { chars: number; charsSince: number; bytes: number; bytesSince: number };
const measures = new WeakMap<Y.Doc, Measure>();

/** Near the byte limit, the state is encoded again (its size grows with the document) at most once per this many bytes of updates. */
const RECOUNT_BYTES = 64 * 1024;

function measureOf(document: Y.Doc): Measure {
  let measure = measures.get(document);
  if (!measure) {
    // Once per loaded document: the state's size.
    measure = { chars: textLength(document.getXmlFragment(TIPTAP_FIELD)), charsSince: 0, bytes: Y.encodeStateAsUpdate(document).byteLength, bytesSince: 0 };
    measures.set(document, measure);
    // Every change counts, whoever made it (another process through Redis, a restored version).
    const counted = measure;
    document.on("update", (update: Uint8Array) => {
      counted.charsSince += update.byteLength;
      counted.bytesSince += update.byteLength;
    });
  }
  return measure;
}

/** Whether an item holds characters of a text: Y.js counts them in its XmlText's length. */
const isText = (item: Y.Item) => item.countable && !(item.content instanceof Y.ContentType) && item.parentSub === null;

/**
 * How many characters `update` adds to `document` at most: the characters it inserts, less those
 * of the document's texts it deletes. Looks only at the update and at the items it deletes.
 */
function growth(document: Y.Doc, update: Uint8Array): number {
  const { structs, ds } = Y.decodeUpdate(update);
  let added = 0;
  for (const struct of structs) if (struct instanceof Y.Item && isText(struct)) added += struct.length;
  let removed = 0;
  for (const [client, ranges] of ds.clients) {
    const items = document.store.clients.get(client);
    if (!items) continue;
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(document.store, client)) continue;
      for (let index = Y.findIndexSS(items, clock); index < items.length; index++) {
        const item = items[index]!;
        if (item.id.clock >= clock + len) break;
        if (item instanceof Y.Item && !item.deleted && isText(item) && item.parent instanceof Y.XmlText) {
          removed += Math.min(clock + len, item.id.clock + item.length) - Math.max(clock, item.id.clock);
        }
      }
    }
  }
  return added - removed;
}

/**
 * Whether applying `update` would take the document past a limit: more characters than
 * MAX_DOCUMENT_CHARS (unless it does not lengthen the text, which may already be longer) or more
 * bytes than MAX_DOCUMENT_BYTES.
 */
export function exceedsLimit(document: Y.Doc, update: Uint8Array): boolean {
  const measure = measureOf(document);
  // Changes waiting for a missing earlier one are applied with a later update: count them in.
  const pending = (document.store.pendingStructs?.update.byteLength ?? 0) + (document.store.pendingDs?.byteLength ?? 0);
  if (measure.chars + measure.charsSince + pending + update.byteLength > MAX_DOCUMENT_CHARS) {
    measure.chars = textLength(document.getXmlFragment(TIPTAP_FIELD));
    measure.charsSince = 0;
    if (measure.chars + pending + update.byteLength > MAX_DOCUMENT_CHARS) {
      const grows = growth(document, update);
      if (grows > 0 && measure.chars + pending + grows > MAX_DOCUMENT_CHARS) return true;
    }
  }
  if (measure.bytes + measure.bytesSince + pending + update.byteLength > MAX_DOCUMENT_BYTES) {
    if (measure.bytesSince > RECOUNT_BYTES) {
      measure.bytes = Y.encodeStateAsUpdate(document).byteLength;
      measure.bytesSince = 0;
    }
    // The state grows by at most the update's size.
    if (measure.bytes + measure.bytesSince + pending + update.byteLength > MAX_DOCUMENT_BYTES) return true;
  }
  return false;
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
