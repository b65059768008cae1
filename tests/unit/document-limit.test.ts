import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exceedsLimit, textLength } from "~/collab/document-limit.server";
import { MAX_DOCUMENT_CHARS } from "~/collab/limits";
import { TIPTAP_FIELD } from "~/editor/extensions";

// The size limit of a shared text, judged from the change and the text's lengths (never a copy).

/** A server's document holding `chars` characters in paragraphs of 1 000, and a writer's copy of it. */
function texts(chars: number) {
  const server = new Y.Doc();
  const fragment = server.getXmlFragment(TIPTAP_FIELD);
  for (let left = chars; left > 0; left -= 1000) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("a".repeat(Math.min(1000, left)))]);
    fragment.push([paragraph]);
  }
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
  return { server, writer };
}

/** The update a writer's change makes (not applied to the server's document). */
function change(writer: Y.Doc, edit: (text: Y.XmlText) => void): Uint8Array {
  let update: Uint8Array | undefined;
  const take = (u: Uint8Array) => (update = u);
  writer.on("update", take);
  writer.transact(() => edit((writer.getXmlFragment(TIPTAP_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText));
  writer.off("update", take);
  return update!;
}

describe("the length limit of a shared text", () => {
  it("lets a text far from the limit grow", () => {
    const { server, writer } = texts(90_000);
    expect(exceedsLimit(server, change(writer, (text) => text.insert(0, "x".repeat(5000))))).toBe(false);
  });

  it("refuses a change that would pass the limit, and lets the text reach it exactly", () => {
    const { server, writer } = texts(MAX_DOCUMENT_CHARS - 10);
    expect(exceedsLimit(server, change(writer, (text) => text.insert(3, "x".repeat(11))))).toBe(true);
    const { server: other, writer: otherWriter } = texts(MAX_DOCUMENT_CHARS - 10);
    expect(exceedsLimit(other, change(otherWriter, (text) => text.insert(3, "x".repeat(10))))).toBe(false);
  });

  it("at the limit, lets a writer replace words by as many, or shorten the text", () => {
    const { server, writer } = texts(MAX_DOCUMENT_CHARS);
    expect(exceedsLimit(server, change(writer, (text) => (text.delete(10, 5), text.insert(10, "ordet"))))).toBe(false);
    expect(exceedsLimit(server, change(writer, (text) => text.delete(0, 100)))).toBe(false);
  });

  it("counts what reached the document since it was last measured", () => {
    const { server, writer } = texts(MAX_DOCUMENT_CHARS - 100);
    const first = change(writer, (text) => text.insert(0, "y".repeat(60)));
    expect(exceedsLimit(server, first)).toBe(false);
    Y.applyUpdate(server, first);
    expect(textLength(server.getXmlFragment(TIPTAP_FIELD))).toBe(MAX_DOCUMENT_CHARS - 40);
    expect(exceedsLimit(server, change(writer, (text) => text.insert(0, "z".repeat(41))))).toBe(true);
    expect(exceedsLimit(server, change(writer, (text) => text.insert(0, "z".repeat(40))))).toBe(false);
  });
});
