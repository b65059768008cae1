/** A page's text as a reader sees it: tags removed, whitespace (and &nbsp;) collapsed to one space. */
export const visibleText = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&nbsp;|\s+/g, " ");
