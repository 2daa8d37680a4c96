/**
 * Unit-test setup: a fresh in-memory IndexedDB and WebExtension API before each test, and a time
 * zone with daylight saving time so week arithmetic is tested where it is hardest.
 */
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { createFakeBrowser, fakeBrowser } from './fake-browser';

process.env.TZ = 'Europe/Berlin';

vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    {
      get: (_, key: string) => (fakeBrowser.current as Record<string, unknown>)[key],
    },
  ),
}));

/** Web Locks, as the service worker has them: requests under one name run one after another. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, work: () => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(work, work);
      tails.set(
        name,
        run.catch(() => {}),
      );
      return run;
    },
  };
}
Object.defineProperty(globalThis, 'navigator', { value: { locks: fakeLocks(), onLine: true }, configurable: true });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.current = createFakeBrowser();
});
