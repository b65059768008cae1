import { DriverAdapterError, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";

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

/**
 * A database error of a script in the shape the schema engine reports as "Database error code: …
 * ERROR: …" (pglite-prisma-adapter's executeScript neither awaits a script nor converts its error).
 */
function toDriverError(error: unknown): unknown {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return error;
  const field = (name: string) => {
    const value: unknown = Reflect.get(error, name);
    return typeof value === "string" ? value : undefined;
  };
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code,
    severity: field("severity") ?? "ERROR",
    message: error.message,
    detail: field("detail"),
    column: field("column"),
    hint: field("hint"),
  });
}
