/**
 * The built extension in real Chromium (playwright-core driving the distribution's Chromium).
 * One browser per test file; a fresh profile unless a test passes its own to survive a restart.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH, extensionId as idOf, launchChromium } from '../../src/dev/chromium';
import { readStoreInPage, type StoreName } from './idb';

export { CHROMIUM_PATH };
export const DIST = resolve(import.meta.dirname, '../../dist');

export function assertPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH to a Chromium binary; branded Chrome 137+ ignores --load-extension).',
    );
  }
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error(`No built extension in ${DIST}. Run: npm run build`);
  }
}

export interface ExtensionBrowser {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly profile: string;
  /** The running service worker, waiting for it to start if it is stopped. */
  worker(): Promise<Worker>;
  /** Open a page of the extension, e.g. 'src/popup/index.html'. */
  open(path: string): Promise<Page>;
  /** Stop every service worker, as Chrome does after 30 s idle. */
  stopServiceWorker(): Promise<void>;
  /**
   * Approve a host the way the browser's own prompt would. Headless Chromium cannot show the prompt
   * (permissions.request waits forever), so the approval is given on chrome://extensions first; the
   * extension's own request, on a click, then resolves true at once, as after a user's "Allow".
   */
  approveHost(pattern: string): Promise<void>;
  /** SIGKILL the browser's main process (no polite close: nothing gets flushed) and wait until it is gone. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/** The pid of the Chromium main process running on `profile` (its helpers carry a --type= flag). */
function mainProcessOf(profile: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`No Chromium main process on ${profile}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function launchExtension(profile?: string, language?: string): Promise<ExtensionBrowser> {
  assertPrerequisites();
  const ownProfile = profile === undefined;
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'pulse-chromium-'));
  const context = await launchChromium({
    extension: DIST,
    profile: dir,
    headless: true,
    ...(language ? { language } : {}),
  });
  const worker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return running ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = await idOf(context);
  const origin = `chrome-extension://${extensionId}/`;
  return {
    context,
    extensionId,
    profile: dir,
    worker,
    async open(path) {
      const page = await context.newPage();
      await page.goto(origin + path);
      return page;
    },
    async stopServiceWorker() {
      // A page of the extension that runs no script of ours, so nothing wakes the worker again.
      const page = await context.newPage();
      await page.goto(`${origin}src/icons/icon-16.png`);
      const cdp = await context.newCDPSession(page);
      const stopped = new Promise<void>((done) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.some((v) => v.scriptURL.startsWith(origin) && v.runningStatus === 'stopped')) done();
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await page.close();
    },
    async approveHost(pattern) {
      const page = await context.newPage();
      await page.goto('chrome://extensions');
      await page.evaluate(
        ([id, host]) =>
          (
            globalThis as unknown as {
              chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
            }
          ).chrome.developerPrivate.addHostPermission(id, host),
        [extensionId, pattern] as const,
      );
      await page.close();
    },
    async kill() {
      const pid = mainProcessOf(dir);
      const gone = new Promise<void>((done) => context.once('close', () => done()));
      process.kill(pid, 'SIGKILL');
      await gone;
      await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    },
    async close() {
      await context.close();
      if (ownProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every record in one of the extension's IndexedDB stores, read from one of its pages. */
export async function readStore(page: Page, store: StoreName): Promise<unknown[]> {
  return page.evaluate(readStoreInPage, store);
}

/** Write records straight into the extension's IndexedDB (for seeding, or for damaging on purpose). */
export async function writeRecords(page: Page, records: unknown[]): Promise<void> {
  await page.evaluate(
    (values) =>
      new Promise<void>((resolvePromise, reject) => {
        const open = indexedDB.open('culture-pulse');
        // Creating the database here would skip the extension's migrations: open one of its pages first.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('pulses', 'readwrite');
          for (const v of values) tx.objectStore('pulses').put(v);
          tx.oncomplete = () => {
            db.close();
            resolvePromise();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}
