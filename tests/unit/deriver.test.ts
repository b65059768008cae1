import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { deriveText } from "~/collab/derivation";
import { startDeriver, type Deriver } from "~/collab/deriver.server";
import { jsonToYdocUpdate } from "~/editor/content.server";
import { TIPTAP_FIELD } from "~/editor/extensions";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const docWith = (...texts: string[]) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, jsonToYdocUpdate({ type: "doc", content: texts.map(paragraph) }));
  return doc;
};
/** Types `text` at the end of the document's first paragraph; returns the change. */
function type(doc: Y.Doc, text: string): Uint8Array {
  let change: Uint8Array | undefined;
  const listen = (update: Uint8Array) => (change = update);
  doc.on("update", listen);
  const first = doc.getXmlFragment(TIPTAP_FIELD).get(0) as Y.XmlElement;
  const content = first.get(0) as Y.XmlText;
  content.insert(content.length, text);
  doc.off("update", listen);
  return change!;
}

let deriver: Deriver | undefined;
afterEach(async () => {
  await deriver?.stop();
  deriver = undefined;
});

describe("the derivation thread", () => {
  it("derives from its own copy of the text: the state it was opened with and every change since", async () => {
    deriver = startDeriver();
    const doc = docWith("Invånardialog i Västerås", "济南12345热线");
    deriver.open(1, [Y.encodeStateAsUpdate(doc)]);
    deriver.update(1, type(doc, " och Jinan"));
    // The server's document is not read: an empty one in its place changes nothing.
    const derived = await deriver.derive(1, new Y.Doc(), true, undefined);
    expect(derived?.text).toBe("Invånardialog i Västerås och Jinan\n济南12345热线");
    const inPlace = deriveText(doc, true, undefined)!;
    expect({ json: derived?.json, serialised: derived?.serialised }).toEqual({ json: inPlace.json, serialised: inPlace.serialised });
    // The folded state is the whole text.
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, derived!.state!);
    expect(deriveText(reloaded, false, undefined)?.text).toBe(derived!.text);
  });

  it("answers nothing to write when the JSON is the same and it is not folding", async () => {
    deriver = startDeriver();
    const doc = docWith("Samråd");
    deriver.open(7, [Y.encodeStateAsUpdate(doc)]);
    const first = await deriver.derive(7, doc, false, undefined);
    expect(first?.state).toBeNull();
    expect(await deriver.derive(7, doc, false, first!.serialised)).toBeNull();
    deriver.update(7, type(doc, "!"));
    expect((await deriver.derive(7, doc, false, first!.serialised))?.text).toBe("Samråd!");
  });

  it("keeps each open text apart, and forgets a closed one", async () => {
    deriver = startDeriver();
    const a = docWith("A");
    const b = docWith("B");
    deriver.open(1, [Y.encodeStateAsUpdate(a)]);
    deriver.open(2, [Y.encodeStateAsUpdate(b)]);
    expect((await deriver.derive(2, new Y.Doc(), false, undefined))?.text).toBe("B");
    deriver.close(1);
    // Closed there: the server's document serves (and the failure is logged, not thrown).
    expect((await deriver.derive(1, a, false, undefined))?.text).toBe("A");
  });

  it("derives on the server's thread once the derivation thread is gone", async () => {
    deriver = startDeriver();
    const doc = docWith("Före");
    deriver.open(1, [Y.encodeStateAsUpdate(doc)]);
    await deriver.derive(1, doc, false, undefined);
    await deriver.stop();
    type(doc, " och efter");
    const derived = await deriver.derive(1, doc, true, undefined);
    expect(derived?.text).toBe("Före och efter");
    expect(derived?.state).toBeInstanceOf(Uint8Array);
  });
});
