import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The pages' Content-Security-Policy allows no eval. zod probes for it (a caught `new Function`)
// when the first object schema is built, and Chromium reports the probe as a violation; zod skips
// the probe under `jitless`. Its global configuration is read from globalThis when zod's core
// module is evaluated, before any schema exists: set it at the top of the chunk holding that module.
const zodCore = /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/;
// A page fetches its reader's translations (app/i18n/resources.ts): all of one language in one file,
// compressed as one (sixteen small files compress to half again as much), never another language.
const localeFile = /[\\/]locales[\\/](\w+)[\\/]\w+\.json$/;
// What every page runs before anything of its own (React, React Router, i18next) as one file: one
// request, compressed as one, rather than six shared chunks that every page loads anyway.
const framework = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|use-sync-external-store|cookie|set-cookie-parser)[\\/]/;

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [reactRouter(), tsconfigPaths()],
  build: {
    target: "es2022",
    rollupOptions: isSsrBuild
      ? {}
      : {
          output: {
            intro: (chunk) => (chunk.moduleIds.some((id) => zodCore.test(id)) ? "globalThis.__zod_globalConfig={jitless:true};" : ""),
            manualChunks: (id) => {
              const lang = localeFile.exec(id)?.[1];
              if (lang) return `locale-${lang}`;
              return framework.test(id) ? "framework" : undefined;
            },
          },
        },
  },
  // Translations as JSON.parse("…") rather than object literals: smaller, and parsed faster.
  json: { stringify: true, namedExports: false },
  server: { watch: { ignored: ["**/data/**", "**/tests/**"] } },
}));
