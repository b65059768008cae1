// Written by the build (vite.config.ts, lazyChunks): chunk URLs to name as modulepreload.
declare module "virtual:lazy-chunks" {
  const chunks: Partial<Record<"editor" | "sv" | "zh" | "en", string[]>>;
  export default chunks;
}
