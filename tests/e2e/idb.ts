/** Reading the extension's IndexedDB from one of its pages: one function, run by either driver. */
export type StoreName = 'pulses' | 'unreadable' | 'outbox' | 'tokens';

/** Runs in the page (serialised by the driver): every record of one store. */
export function readStoreInPage(name: StoreName): Promise<unknown[]> {
  return new Promise<unknown[]>((resolvePromise, reject) => {
    const open = indexedDB.open('culture-pulse');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(name)) {
        db.close();
        resolvePromise([]);
        return;
      }
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => {
        db.close();
        resolvePromise(request.result);
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/**
 * Runs in the page: the extension's clock set to read `at` (a development install honours the
 * offset; see src/platform/clock.ts), the pulses store holding exactly `records`, and no drafts.
 * The database must exist already: an extension page opened it (and ran its migrations).
 */
export function startFromInPage({ at, records }: { at: number; records: unknown[] }): Promise<void> {
  localStorage.clear();
  const offset = at - Date.now();
  const setClock = (
    globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
  ).chrome.storage.local.set({ devClockOffsetMs: offset });
  const writeRecords = new Promise<void>((resolvePromise, reject) => {
    const open = indexedDB.open('culture-pulse');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('pulses', 'readwrite');
      const store = tx.objectStore('pulses');
      store.clear();
      for (const r of records) store.put(r);
      tx.oncomplete = () => {
        db.close();
        resolvePromise();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
  return Promise.all([setClock, writeRecords]).then(() => {});
}
