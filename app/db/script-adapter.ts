import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { toDriverError } from "./pglite-protocol";

/** An adapter whose executeScript runs the whole script at once and reports its error. */
export function withScripts(
  adapter: SqlDriverAdapter,
  run: (script: string) => Promise<unknown>,
  release?: () => Promise<void>,
): SqlDriverAdapter {
  let disposed = false;
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    ...(getConnectionInfo && { getConnectionInfo }),
    async executeScript(script) {
      try {
        await run(script);
      } catch (error) {
        throw toDriverError(error);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await adapter.dispose();
      await release?.();
    },
  };
}
