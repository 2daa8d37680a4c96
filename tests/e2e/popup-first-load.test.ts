/**
 * The popup's first moment in real Chromium: one script and one stylesheet before the first
 * statement (the rest on demand), the first statement on screen, focused and answerable before
 * IndexedDB answers (the week's statements need nothing stored), and a stored week that fails the
 * reader is kept aside and reported, not dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { DB_VERSION } from '../../src/storage/migrations';
import { DIST, type ExtensionBrowser, launchExtension, readStore, writeRecords } from './chromium';
import { answerPulse, fromPlaywright, PULSE_MOMENT, PULSE_WEEK, startFrom } from './steps';

// The week on the extension's clock, pinned before each test: never the real week.
const week = PULSE_WEEK;
const ids = pulseForWeek(week).questions.map((q) => q.id);
const total = ids.length;

let browser: ExtensionBrowser;
beforeEach(async () => {
  browser = await launchExtension();
  await startFrom(async () => fromPlaywright(await browser.open('src/options/index.html')), PULSE_MOMENT);
});
afterEach(async () => {
  await browser?.close();
});

/** A half-answered week (the first statement answered), written as the popup writes it. */
const halfAnswered = {
  weekId: week,
  bankVersion: 1,
  questionIds: ids,
  answers: { [ids[0] ?? '']: 4 },
  comment: '',
  completed: false,
  updatedAt: 1,
};

/**
 * Hold the database back as another page's pending upgrade does: one connection stays open and
 * ignores the request to close, so an open of the next version waits, and every open after it waits
 * behind. `release` closes the connection; the upgrade then aborts itself, leaving the database as it was.
 */
async function holdDatabase(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.evaluate(
    (next) =>
      new Promise<void>((resolve, reject) => {
        const held = indexedDB.open('culture-pulse');
        held.onerror = () => reject(held.error);
        held.onsuccess = () => {
          (globalThis as { heldDb?: IDBDatabase }).heldDb = held.result;
          const upgrade = indexedDB.open('culture-pulse', next);
          upgrade.onupgradeneeded = () => upgrade.transaction?.abort();
          upgrade.onerror = (event) => event.preventDefault();
          upgrade.onblocked = () => resolve();
        };
      }),
    DB_VERSION + 1,
  );
  return {
    release: () => page.evaluate(() => (globalThis as { heldDb?: IDBDatabase }).heldDb?.close()),
  };
}

/** The focused element: the group of points (none chosen yet), or a point. */
const focusedPoint = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLFieldSetElement) return { group: el.querySelectorAll('input:checked').length };
    return el instanceof HTMLInputElement ? { type: el.type, value: el.value, checked: el.checked } : null;
  });

/**
 * Open the popup, recording each file of the extension it requests (DevTools' network events:
 * Resource Timing leaves out chrome-extension:// files).
 */
async function openRecording(): Promise<{ popup: Page; requested: string[]; sentAt: number[] }> {
  const popup = await browser.context.newPage();
  const requested: string[] = [];
  /** When each was asked for, in ms since the epoch, as performance.timeOrigin counts. */
  const sentAt: number[] = [];
  const cdp = await browser.context.newCDPSession(popup);
  cdp.on('Network.requestWillBeSent', ({ request, wallTime }) => {
    if (!request.url.startsWith('chrome-extension://')) return;
    requested.push(new URL(request.url).pathname);
    sentAt.push(wallTime * 1000);
  });
  await cdp.send('Network.enable');
  await popup.goto(`chrome-extension://${browser.extensionId}/src/popup/index.html`);
  return { popup, requested, sentAt };
}

describe('the popup’s first moment', () => {
  it('loads one script and one stylesheet before the first statement, the thank-you on demand', async () => {
    const { popup, requested, sentAt } = await openRecording();
    await popup.waitForFunction(() => performance.getEntriesByName('pulse-ready').length > 0);
    // What was asked for before the first statement was drawn; the line saying where answers go
    // loads its reader just after.
    const ready = await popup.evaluate(
      () => performance.timeOrigin + (performance.getEntriesByName('pulse-ready')[0]?.startTime ?? 0),
    );
    const before = requested.filter((_, i) => (sentAt[i] ?? 0) <= ready);
    const unhashed = before.map((file) => file.replace(/-[\w-]{8}\.(js|css)$/, '-[hash].$1'));
    expect(unhashed.toSorted()).toEqual([
      '/assets/popup-[hash].css',
      '/assets/popup-[hash].js',
      '/src/popup/index.html',
    ]);
    // The browser's own API, not webextension-polyfill's 9.6 KB (src/platform/native-browser.ts);
    // the polyfill's text is in the builds that keep it (trends), so the check can fail.
    const script = before.find((file) => file.endsWith('.js')) ?? '';
    const polyfill = 'This script should only be loaded in a browser extension';
    expect(readFileSync(join(DIST, script), 'utf8')).not.toContain(polyfill);
    const trends = readdirSync(join(DIST, 'assets')).find((f) => /^trends-[\w-]+\.js$/.test(f)) ?? '';
    expect(readFileSync(join(DIST, 'assets', trends), 'utf8')).toContain(polyfill);

    const first = requested.length;
    await answerPulse(
      fromPlaywright(popup),
      ids.map(() => '3'),
      '',
    );
    // From the popup's own build, on demand: the thank-you, and the message schemas for the background.
    const later = requested.slice(first);
    expect(later).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/popup-ThankYou-[\w-]+\.js$/)]));
    expect(
      later.every((file) => /^\/assets\/popup-[\w-]+\.js$/.test(file)),
      later.join(' '),
    ).toBe(true);
  });

  it('draws the first statement, focused and answerable, before IndexedDB answers', async () => {
    const options = await browser.open('src/options/index.html');
    await options.waitForSelector('#data-summary'); // the extension's pages made the database
    await writeRecords(options, [halfAnswered]);
    const hold = await holdDatabase(options);

    const popup = await browser.open('src/popup/index.html');
    await expect.poll(() => popup.textContent('#progress')).toBe(`Statement 1 of ${total}`);
    expect(await focusedPoint(popup)).toEqual({ group: 0 });
    expect(await popup.evaluate(() => performance.getEntriesByName('pulse-ready').length)).toBe(1);
    // The popup itself still waits for the week's stored answers (its live region is busy until
    // they are read): what is on screen did not come from IndexedDB.
    expect(await popup.getAttribute('[aria-live][aria-busy]', 'aria-busy')).toBe('true');
    expect(await popup.textContent('#progress')).toBe(`Statement 1 of ${total}`);

    await hold.release();
    // The stored answer arrives, and the pulse goes on where it was left.
    await expect.poll(() => popup.getAttribute('[aria-live][aria-busy]', 'aria-busy')).toBe('false');
    await expect.poll(() => popup.textContent('#progress')).toBe(`Statement 2 of ${total}`);
    await popup.keyboard.press('5');
    await expect
      .poll(async () => ((await readStore(popup, 'pulses'))[0] as typeof halfAnswered | undefined)?.answers)
      .toEqual({ [ids[0] ?? '']: 4, [ids[1] ?? '']: 5 });
  });

  it('keeps a stored week it cannot read aside, says so, and starts the week afresh', async () => {
    const options = await browser.open('src/options/index.html');
    await options.waitForSelector('#data-summary');
    const damaged = { ...halfAnswered, answers: { [ids[0] ?? '']: 42 } };
    await writeRecords(options, [damaged]);

    const popup = await browser.open('src/popup/index.html');
    await expect
      .poll(() => popup.textContent('[role=alert]'))
      .toMatch(/^One saved week could not be read and was set aside/);
    expect(await popup.textContent('#progress')).toBe(`Statement 1 of ${total}`);
    expect(await readStore(popup, 'pulses')).toEqual([]);
    expect(await readStore(popup, 'unreadable')).toEqual([
      {
        store: 'pulses',
        key: week,
        value: damaged,
        problem: `answers.${ids[0]}: must be 1, 2, 3, 4, 5 or "skip"`,
        foundAt: expect.any(Number),
      },
    ]);
  });
});
