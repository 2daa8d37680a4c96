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
