import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

export type GlossaryMark = { term: string; explanation: string };

const key = new PluginKey("glossary-highlight");

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function decorate(doc: ProseMirrorNode, pattern: RegExp | null, explanations: Map<string, string>) {
  if (!pattern) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, position) => {
    if (!node.isText || !node.text) return;
    for (const match of node.text.matchAll(pattern)) {
      const from = position + (match.index ?? 0);
      decorations.push(
        Decoration.inline(from, from + match[0].length, {
          class: "glossary-term",
          title: explanations.get(match[0].toLocaleLowerCase()) ?? "",
        }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** Highlights the project glossary's terms in the text (a view-only decoration: the document is untouched). */
export const GlossaryHighlight = Extension.create<{ marks: GlossaryMark[] }>({
  name: "glossaryHighlight",
  addOptions() {
    return { marks: [] };
  },
  addProseMirrorPlugins() {
    const marks = this.options.marks.filter((mark) => mark.term.trim() !== "");
    // Longest first, so "kontaktcenter" wins over "kontakt".
    const terms = [...marks].sort((a, b) => b.term.length - a.term.length);
    const pattern = terms.length ? new RegExp(terms.map((mark) => escapeRegExp(mark.term)).join("|"), "giu") : null;
    const explanations = new Map(marks.map((mark) => [mark.term.toLocaleLowerCase(), mark.explanation]));
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => decorate(state.doc, pattern, explanations),
          apply: (transaction, previous) => (transaction.docChanged ? decorate(transaction.doc, pattern, explanations) : previous),
        },
        props: {
          decorations(state) {
            return key.getState(state) as DecorationSet;
          },
        },
      }),
    ];
  },
});
