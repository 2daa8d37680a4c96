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

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.current = createFakeBrowser();
});
