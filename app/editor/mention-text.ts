// How an @mention reads as plain text wherever a rich text leaves the editor (decision 029): the
// character and the name it was given when mentioned, as tiptap's own renderText writes it.
export function mentionText(node: { attrs?: Record<string, unknown> }): string {
  const label = node.attrs?.label ?? node.attrs?.id;
  return `@${typeof label === "string" ? label : ""}`;
}
