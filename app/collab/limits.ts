// Limits of the collaboration server, one place for the server and the browser editor.

/**
 * The most characters one shared text (a plan section, minutes or a finding in one language) may
 * hold. A long report must fit: 120 000 Chinese characters are some 200 printed pages, more than
 * any plan section, minutes or finding of a partnership holds; 150 000 leaves room to go on
 * writing such a report. A limit keeps what one text costs everyone bounded: its Y.js state
 * (about 3 bytes a Chinese character), the search index's work (linear in the length, off the
 * editing path) and every export. A change that would make a text longer is refused and its
 * writer told so; a text that is already longer (stored before the limit) can still be shortened.
 */
export const MAX_DOCUMENT_CHARS = 150_000;

/**
 * The most bytes a shared text's Y.js state may take, formatting, tables and attributes included:
 * a text of MAX_DOCUMENT_CHARS Chinese characters takes under 1 MB even richly formatted. Guards
 * what the character count does not see (long link addresses, other Y.js types).
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * The largest websocket message the server reads. A client's first sync after an offline spell
 * carries its whole document, so one message must hold a document of MAX_DOCUMENT_BYTES (with its
 * name and message header); anything larger cannot be a legitimate change and closes the socket
 * (1009, "message too big") before it is even read into memory.
 */
export const MAX_MESSAGE_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/** A socket that has not signed in to a document by then is closed (a browser does it at once). */
export const AUTHENTICATION_TIMEOUT_MS = 10_000;
