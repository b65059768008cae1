import { reactRouter } from "@react-router/dev/vite";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The pages' Content-Security-Policy allows no eval. zod probes for it (a caught `new Function`)
// when the first object schema is built, and Chromium reports the probe as a violation; zod skips
// the probe under `jitless`. Its global configuration is read from globalThis when zod's core
// module is evaluated, before any schema exists: set it at the top of the chunk holding that module.
const zodCore = /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/;
// What every page loads before anything of its own (React, React Router, and every module the
// entry and the root layout import) as one file, and what every project page loads (the project
// layout's modules) as another: a link with a long round trip pays for each file a page names
// (decision 033), and a browser opens six connections to one server.
const framework = [
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
  /vite[\\/]preload-helper/,
  /[\\/]app[\\/](i18n[\\/]languages\.ts|components[\\/]error-page\.tsx)$/,
];

/**
 * Chunks that pages load by dynamic import but that their first HTML should name as
 * <link rel="modulepreload">, so that a slow link downloads them from the start rather than after
 * the page's scripts have run: the live editor and the module that asks for the page's texts early
 * (on pages with live texts, decision 034), each language's core
 * translations, and each namespace's translations per language (decision 025). Recorded from the
 * client build, with the page namespaces each chunk loads (the chunks holding
 * app/i18n/pages/<namespace>.ts), and given to the server build as `virtual:lazy-chunks`
 * (app/entry.server.tsx); in development both are empty.
 */
function lazyChunks(): Plugin {
  const sources: Record<string, RegExp> = {
    editor: /app[\\/]editor[\\/]collab-editor\.tsx$/,
    earlyTexts: /app[\\/]editor[\\/]early-texts\.ts$/,
    sv: /app[\\/]i18n[\\/]translations[\\/]sv\.ts$/,
    zh: /app[\\/]i18n[\\/]translations[\\/]zh\.ts$/,
    en: /app[\\/]i18n[\\/]translations[\\/]en\.ts$/,
  };
  const namespaceFile = /locales[\\/](\w+)[\\/](\w+)\.json$/;
  const pageModule = /app[\\/]i18n[\\/]pages[\\/](\w+)\.ts$/;
  const chunks: Record<string, string[]> = {};
  const pageNamespaces: Record<string, string[]> = {};
  const id = "virtual:lazy-chunks";
  return {
    name: "lazy-chunks",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify({ chunks, pageNamespaces })};` : undefined),
    generateBundle(options, bundle) {
      if (this.environment.name !== "client") return;
      const base = this.environment.config.base;
      const withImports = (fileName: string) => {
        const files = new Set<string>([fileName]);
        for (const file of files) {
          const output = bundle[file];
          if (output?.type === "chunk") for (const imported of output.imports) files.add(imported);
        }
        return [...files].map((file) => `${base}${file}`);
      };
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        const facade = output.facadeModuleId ?? "";
        // A module both imported and loaded by dynamic import (early-texts) leads a chunk without a facade.
        const holds = (pattern: RegExp) => pattern.test(facade) || (output.isDynamicEntry && output.moduleIds.some((module) => pattern.test(module)));
        for (const [name, pattern] of Object.entries(sources)) if (holds(pattern)) chunks[name] = withImports(output.fileName);
        const json = namespaceFile.exec(facade);
        if (json) chunks[`${json[1]}:${json[2]}`] = withImports(output.fileName);
        const namespaces = output.moduleIds.map((module) => pageModule.exec(module)?.[1]).filter((name): name is string => name !== undefined);
        if (namespaces.length > 0) pageNamespaces[`${base}${output.fileName}`] = namespaces;
      }
    },
  };
}

type ModuleInfoOf = (id: string) => { importedIds: readonly string[] } | null;
// Route modules stay the chunks React Router names per route.
const routeModule = /[\\/]app[\\/](root\.tsx|entry\.client\.tsx|routes[\\/])/;
let layouts: { framework: Set<string>; project: Set<string> } | undefined;

/** Every module the given files import statically, however deep (what loading them loads anyway). */
function staticGraph(files: string[], getModuleInfo: ModuleInfoOf): Set<string> {
  const seen = new Set<string>();
  const queue = files.map((file) => path.resolve(file));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const imported of getModuleInfo(id)?.importedIds ?? []) queue.push(imported);
  }
  return seen;
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [reactRouter(), tsconfigPaths(), lazyChunks()],
  build: {
    target: "es2022",
    // terser rather than esbuild for the browser's script: about 4 KB less on every page, compressed.
    ...(isSsrBuild ? {} : { minify: "terser" as const }),
    rollupOptions: isSsrBuild
      ? {}
      : {
          output: {
            intro: (chunk) => (chunk.moduleIds.some((id) => zodCore.test(id)) ? "globalThis.__zod_globalConfig={jitless:true};" : ""),
            manualChunks: (id, { getModuleInfo }) => {
              if (framework.some((pattern) => pattern.test(id))) return "framework";
              if (routeModule.test(id)) return undefined;
              layouts ??= {
                framework: staticGraph(["app/root.tsx", "app/entry.client.tsx"], getModuleInfo),
                project: staticGraph(["app/routes/project.tsx"], getModuleInfo),
              };
              if (layouts.framework.has(id)) return "framework";
              if (layouts.project.has(id)) return "project";
              return undefined;
            },
          },
        },
  },
  // Translations as JSON.parse("…") rather than object literals: smaller, and parsed faster.
  json: { stringify: true, namedExports: false },
  server: { watch: { ignored: ["**/data/**", "**/tests/**"] } },
}));
