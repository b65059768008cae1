import { db } from "~/db/db.server";

// The log of a shared text's Y.js updates since its state was last stored whole (decision 010).
// Appending costs what was typed; the text's stored state is only rewritten when the log is folded in.

export async function appendUpdate(documentName: string, update: Uint8Array): Promise<number> {
  const row = await db.collabUpdate.create({ data: { documentName, update: new Uint8Array(update) as Uint8Array<ArrayBuffer> }, select: { id: true } });
  return row.id;
}

/** The updates logged for a document, oldest first, with the id of the last. */
export async function loggedUpdates(documentName: string): Promise<{ updates: Uint8Array[]; lastId: number }> {
  const rows = await db.collabUpdate.findMany({ where: { documentName }, orderBy: { id: "asc" }, select: { id: true, update: true } });
  return { updates: rows.map((row) => new Uint8Array(row.update)), lastId: rows.at(-1)?.id ?? 0 };
}

/** Once the state stored whole contains them: the updates up to `lastId`. */
export async function dropUpdates(documentName: string, lastId: number): Promise<void> {
  await db.collabUpdate.deleteMany({ where: { documentName, id: { lte: lastId } } });
}
