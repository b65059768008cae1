// What the live editor keeps in the browser (y-indexeddb): one IndexedDB database per document.
const PREFIX = "partnership:";

export const draftDatabaseName = (documentName: string) => `${PREFIX}${documentName}`;

/**
 * Removes every draft the editor kept in this browser. Run on the page a person lands on after
 * signing out: offices share PCs, and the next person must not find the last one's text.
 */
export async function clearEditorDrafts(): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  // A browser that refuses to list them (private mode) has kept none to list.
  const databases = await indexedDB.databases().catch(() => []);
  const names = databases.flatMap((database) => (database.name?.startsWith(PREFIX) ? [database.name] : []));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          request.onblocked = () => resolve();
        }),
    ),
  );
}
