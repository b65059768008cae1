// The server entry (run by tsx) and the React Router build each load their own copy of the app's
// modules; anything that must exist once per process (the database above all: PGlite is a single
// session) is kept on globalThis under a well-known name.
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`partnership-workspace.${name}`);
  store[key] ??= create();
  return store[key] as T;
}
