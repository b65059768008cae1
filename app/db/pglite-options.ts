const BYTEA = 17;

/**
 * Options for every PGlite instance. PGlite writes a bytea parameter as hex one byte at a time in
 * JavaScript (a 360 kB Y.js state took 0.2-0.3 s of the event loop); Node's Buffer does it natively.
 * In a module of its own so that the database's worker thread (pglite.worker.ts) loads only this.
 */
export const pgliteOptions = {
  serializers: { [BYTEA]: (value: unknown) => `\\x${Buffer.from(value as Uint8Array).toString("hex")}` },
};
