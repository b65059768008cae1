// A writer in a process of its own, as a browser is: opens a plan text on /collab, pastes the text
// it is sent, and reports what the server answered. Started by tests/support/collab.ts
// `startPasteWriter`, so that the test process (which runs the server) measures the server's
// answers alone, not the writer's own work of building and sending a long paste.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

const [url, documentName, cookie] = process.argv.slice(2) as [string, string, string];

class CookieWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { headers: { cookie } });
  }
}

const send = (message: object) => process.send?.(message);
const doc = new Y.Doc();
const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CookieWebSocket });
const provider = new HocuspocusProvider({
  name: documentName,
  document: doc,
  websocketProvider: socket,
  onSynced: () => send({ type: "synced" }),
  onStateless: ({ payload }) => send({ type: "stateless", payload }),
  onAuthenticationFailed: ({ reason }) => send({ type: "refused", reason }),
});
provider.attach();

process.on("message", (message: { type: "paste"; text: string } | { type: "stop" }) => {
  if (message.type === "stop") {
    provider.destroy();
    socket.destroy();
    process.exit(0);
  }
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(message.text)]);
    doc.getXmlFragment("default").push([paragraph]);
  });
  send({ type: "pasted" });
});
