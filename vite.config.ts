import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The pages' Content-Security-Policy allows no eval. zod probes for it (a caught `new Function`)
// when the first object schema is built, and Chromium reports the probe as a violation; zod skips
// the probe under `jitless`. Its global configuration is read from globalThis when zod's core
// module is evaluated, before any schema exists: set it at the top of the chunk holding that module.
const zodCore = /[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/;

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [reactRouter(), tsconfigPaths()],
  build: {
    target: "es2022",
    rollupOptions: isSsrBuild
      ? {}
      : { output: { intro: (chunk) => (chunk.moduleIds.some((id) => zodCore.test(id)) ? "globalThis.__zod_globalConfig={jitless:true};" : "") } },
  },
  server: { watch: { ignored: ["**/data/**", "**/tests/**"] } },
}));
