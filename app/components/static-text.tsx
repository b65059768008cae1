/** A text before the live editor has loaded (and without JavaScript). */
export function StaticText({ html }: { html: string }) {
  // Rendered on the server from the tiptap schema (text escaped), never from a client's HTML.
  return <div className="prose editor-content static" dangerouslySetInnerHTML={{ __html: html }} />;
}
