// Written by the build (vite.config.ts, lazyChunks): chunk URLs to name as modulepreload.
declare module "virtual:lazy-chunks" {
  const chunks: Partial<Record<"editor" | "sv" | "zh" | "en", string[]>>;
  export default chunks;
}

// negotiator 1.x (the version Express itself uses); DefinitelyTyped describes only 0.6, without
// the `preferred` option for ties.
declare module "negotiator" {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
