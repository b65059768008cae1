const BYTEA = 17;

/**
 * Options for every PGlite instance. PGlite writes a bytea parameter as hex one byte at a time in
 * JavaScript (a 360 kB Y.js state took 0.2-0.3 s of the event loop); Node's Buffer does it natively.
 * In a module of its own so that the database's worker thread (pglite.worker.ts) loads only this.
 */
export const pgliteOptions = {
  serializers: { [BYTEA]: (value: unknown) => `\\x${Buffer.from(value as Uint8Array).toString("hex")}` },
};

/**
 * Runs a script (a migration) on PGlite. PGlite reads which types are arrays, and how to send them,
 * when it starts: an array of an enum a migration has just created (the languages a person writes)
 * would otherwise go to the database as its first element's text, "malformed array literal", until
 * the next start. So it reads them again after each script.
 */
export async function runScript(pglite: { exec(script: string): Promise<unknown>; refreshArrayTypes(): Promise<void> }, script: string) {
  await pglite.exec(script);
  await pglite.refreshArrayTypes();
}
