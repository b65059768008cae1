// The collaboration server's derivation thread (decision 014), started by deriver.server.ts. It
// keeps a copy of each open shared text, given every change as the server's document takes it in,
// and derives from that copy: what grows with a text's length (its JSON, plain text and whole
// state) costs this thread, not the one that relays everyone's typing.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { deriveText } from "./derivation";
import type { DeriveReply, DeriveRequest } from "./deriver.server";

const port = parentPort!;
const copies = new Map<number, Y.Doc>();

port.on("message", (request: DeriveRequest) => {
  switch (request.type) {
    case "open": {
      const copy = new Y.Doc({ gc: true });
      for (const update of request.updates) Y.applyUpdate(copy, update);
      copies.set(request.key, copy);
      return;
    }
    case "update": {
      const copy = copies.get(request.key);
      copy?.transact(() => {
        for (const update of request.updates) Y.applyUpdate(copy, update);
      });
      return;
    }
    case "close":
      copies.get(request.key)?.destroy();
      copies.delete(request.key);
      return;
    case "derive": {
      const copy = copies.get(request.key);
      let reply: DeriveReply;
      try {
        if (!copy) throw new Error(`No copy of text ${request.key} on the derivation thread`);
        reply = { id: request.id, ok: true, derived: deriveText(copy, request.fold, request.lastJson) };
      } catch (error) {
        reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      const state = reply.ok ? reply.derived?.state : null;
      port.postMessage(reply, state ? [state.buffer as ArrayBuffer] : []);
      return;
    }
  }
});
