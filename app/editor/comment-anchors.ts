import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

// Comments are anchored with Y.js relative positions: they follow the passage through everyone's
// later edits, where plain offsets would drift.

export type CommentAnchor = { id: string; start: string; end: string; resolved: boolean };
export type NewAnchor = { quote: string; anchorStart: string; anchorEnd: string };

const key = new PluginKey<DecorationSet>("comment-anchors");
const REFRESH = "comment-anchors-refresh";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

type YSyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } } | undefined;

function absolute(state: EditorState, encoded: string): number | null {
  const ystate = ySyncPluginKey.getState(state) as YSyncState;
  if (!ystate?.binding) return null;
  const position = relativePositionToAbsolutePosition(ystate.doc, ystate.type, Y.decodeRelativePosition(fromBase64(encoded)), ystate.binding.mapping as never);
  return typeof position === "number" ? position : null;
}

function decorations(state: EditorState, anchors: CommentAnchor[]) {
  const found: Decoration[] = [];
  for (const anchor of anchors) {
    if (anchor.resolved) continue;
    const from = absolute(state, anchor.start);
    const to = absolute(state, anchor.end);
    if (from === null || to === null || to <= from) continue;
    found.push(Decoration.inline(from, to, { class: "comment-anchor", "data-thread": anchor.id }));
  }
  return DecorationSet.create(state.doc, found);
}

// The threads come through a function: tiptap deep-copies plain option objects, so a shared
// object would be frozen at its first value.
export const CommentAnchors = Extension.create<{ getAnchors: () => CommentAnchor[] }>({
  name: "commentAnchors",
  addOptions() {
    return { getAnchors: () => [] };
  },
  addProseMirrorPlugins() {
    const { getAnchors } = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (transaction, previous, _old, state) =>
            transaction.docChanged || transaction.getMeta(REFRESH) || transaction.getMeta(ySyncPluginKey)
              ? decorations(state, getAnchors())
              : previous,
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

/** Redraws the highlights after the list of threads changed. */
export function refreshAnchors(editor: Editor) {
  editor.view.dispatch(editor.state.tr.setMeta(REFRESH, true));
}

/**
 * The passage the reader selected, as relative positions. Read from the DOM selection, so that
 * members who may comment but not edit (a read-only editor) can anchor comments too.
 */
export function anchorFromSelection(editor: Editor): NewAnchor | null {
  const selection = window.getSelection();
  const view = editor.view;
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return null;
  const a = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  const b = view.posAtDOM(selection.focusNode, selection.focusOffset);
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  const ystate = ySyncPluginKey.getState(view.state) as YSyncState;
  if (!ystate?.binding || to <= from) return null;
  const encode = (position: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(position, ystate.type, ystate.binding.mapping as never)));
  return { quote: view.state.doc.textBetween(from, to, " ").slice(0, 500), anchorStart: encode(from), anchorEnd: encode(to) };
}
