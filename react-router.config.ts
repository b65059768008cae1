import type { Config } from "@react-router/dev/config";

// v8_middleware stays off: with it the load context must be an instance of the build's own
// RouterContextProvider, which the test runner (another copy of react-router) cannot create.
export default {
  ssr: true,
  future: {
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
