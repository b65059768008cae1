import path from "node:path";

export const tmpDir = path.resolve("tests/.tmp");

/** The same server, another database: swaps the path of a postgres:// URL. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
