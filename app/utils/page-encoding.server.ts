import Negotiator from "negotiator";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

// Below this a compressed page saves less than its headers cost.
const MIN_BYTES = 1024;

const brotliOptions = {
  params: {
    // Quality 5: about 7 % smaller than gzip on our pages, at the cost of gzip's level 6.
    [constants.BROTLI_PARAM_QUALITY]: 5,
    // A 256 KB window rather than 4 MB: our pages are smaller, and the encoder's memory is less.
    [constants.BROTLI_PARAM_LGWIN]: 18,
  },
};

/**
 * A whole rendered page compressed in one call, as the reader's browser accepts it. Compressing
 * the page as a stream (the `compression` middleware) cost about 2 ms of the event loop per page
 * in small asynchronous rounds; one synchronous call costs 0.1–0.2 ms for a 12 KB page.
 */
export function encodePage(html: Buffer<ArrayBuffer>, acceptEncoding: string | null): { body: Buffer<ArrayBuffer>; encoding?: "br" | "gzip" } {
  if (html.byteLength < MIN_BYTES) return { body: html };
  const encoding = new Negotiator({ headers: { "accept-encoding": acceptEncoding ?? undefined } }).encoding(["br", "gzip", "identity"], { preferred: ["br", "gzip", "identity"] });
  if (encoding === "br") return { body: brotliCompressSync(html, brotliOptions), encoding };
  if (encoding === "gzip") return { body: gzipSync(html), encoding };
  return { body: html };
}
