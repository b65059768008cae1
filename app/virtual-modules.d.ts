// Written by the build (vite.config.ts, lazyChunks): chunk URLs to name as modulepreload — the
// editor's, each language's core translations ("sv") and each namespace's per language ("sv:plan") —
// and the page namespaces each chunk loads, by the chunk's URL.
declare module "virtual:lazy-chunks" {
  const lazyChunks: { chunks: Partial<Record<string, string[]>>; pageNamespaces: Partial<Record<string, string[]>> };
  export default lazyChunks;
}

// negotiator 1.x (the version Express itself uses); DefinitelyTyped describes only 0.6, without
// the `preferred` option for ties.
declare module "negotiator" {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
