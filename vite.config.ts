import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The pages' Content-Security-Policy allows no eval. zod probes for it (a caught `new Function`)
// when the first object schema is built, and Chromium reports the probe as a violation; zod skips
// the probe under `jitless`. Its global configuration is read from globalThis when zod's core
// module is evaluated, before any schema exists: set it at the top of the chunk holding that module.
const zodCore = /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/;

/**
 * Chunks that pages load by dynamic import but that their first HTML should name as
 * <link rel="modulepreload">, so that a slow link downloads them from the start rather than after
 * the page's scripts have run: the live editor (on pages with live texts) and each language's
 * translations. Their file names (with the chunks they import) are recorded from the client build
 * and given to the server build as `virtual:lazy-chunks` (app/entry.server.tsx); in development
 * the list is empty.
 */
function lazyChunks(): Plugin {
  const sources: Record<string, RegExp> = {
    editor: /app[\\/]editor[\\/]collab-editor\.tsx$/,
    sv: /app[\\/]i18n[\\/]bundles[\\/]sv\.ts$/,
    zh: /app[\\/]i18n[\\/]bundles[\\/]zh\.ts$/,
    en: /app[\\/]i18n[\\/]bundles[\\/]en\.ts$/,
  };
  const recorded: Record<string, string[]> = {};
  const id = "virtual:lazy-chunks";
  return {
    name: "lazy-chunks",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(recorded)};` : undefined),
    generateBundle(options, bundle) {
      if (this.environment.name !== "client") return;
      const base = this.environment.config.base;
      for (const [name, pattern] of Object.entries(sources)) {
        const chunk = Object.values(bundle).find((output) => output.type === "chunk" && output.facadeModuleId !== null && pattern.test(output.facadeModuleId));
        if (!chunk || chunk.type !== "chunk") continue;
        const files = new Set<string>([chunk.fileName]);
        for (const file of files) {
          const output = bundle[file];
          if (output?.type === "chunk") for (const imported of output.imports) files.add(imported);
        }
        recorded[name] = [...files].map((file) => `${base}${file}`);
      }
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [reactRouter(), tsconfigPaths(), lazyChunks()],
  build: {
    target: "es2022",
    rollupOptions: isSsrBuild
      ? {}
      : { output: { intro: (chunk) => (chunk.moduleIds.some((id) => zodCore.test(id)) ? "globalThis.__zod_globalConfig={jitless:true};" : "") } },
  },
  server: { watch: { ignored: ["**/data/**", "**/tests/**"] } },
}));
