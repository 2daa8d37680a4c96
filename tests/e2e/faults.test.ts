/**
 * Faults caused for real in Chromium (tests/e2e/fault-steps.ts, shared with Firefox): the browser
 * SIGKILLed while the popup answers, and two popups answering the same week at once. One profile
 * for the file, kept across the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { faultScenarios } from './fault-steps';
import { readStoreInPage } from './idb';
import { mountSmallDisk, type SmallDisk } from './small-disk';
import { fromPlaywright, PULSE_MOMENT, PULSE_WEEK, readPulses, startFrom, type UserPage } from './steps';

/** The answers the week's stored record holds ({} when there is none). */
async function storedAnswers(page: UserPage): Promise<Record<string, unknown>> {
  return (await readPulses(page))[0]?.answers ?? {};
}

let profile: string;
let browser: ExtensionBrowser;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'pulse-faults-'));
  browser = await launchExtension(profile);
});
afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('Chromium: faults while answering', () => {
  faultScenarios(() => ({
    open: async () => fromPlaywright(await browser.open('src/popup/index.html')),
    setupPage: async () => fromPlaywright(await browser.open('src/options/index.html')),
    async killAndRestart() {
      await browser.kill();
      browser = await launchExtension(profile);
    },
  }));
});

describe('Chromium: the disk full while answering', () => {
  let disk: SmallDisk;
  let full: ExtensionBrowser;
  beforeAll(async () => {
    disk = mountSmallDisk(64);
    full = await launchExtension(`${disk.dir}/profile`);
  });
  afterAll(async () => {
    await full?.close();
    disk?.unmount();
  });

  it('says the browser has no room, writes nothing half, and saves the refused answer once there is room', async () => {
    const ids = pulseForWeek(PULSE_WEEK).questions.map((q) => q.id);
    await startFrom(async () => fromPlaywright(await full.open('src/options/index.html')), PULSE_MOMENT);
    const popup = fromPlaywright(await full.open('src/popup/index.html'));
    await expect.poll(() => popup.text('#progress')).toBe('Statement 1 of 4');
    disk.fill();
    // A write may still fit in the last page the database's log already holds: answer statement
    // after statement until the disk refuses one; each accepted one is stored whole.
    const accepted: Record<string, number> = {};
    let refused: { id: string; stored: unknown[] } | undefined;
    for (const [i, id] of ids.entries()) {
      const before = await readPulses(popup);
      await popup.press('3');
      await expect
        .poll(async () => (await popup.text('[role=alert]')) !== '' || (await storedAnswers(popup))[id] === 3)
        .toBe(true);
      if ((await popup.text('[role=alert]')) !== '') {
        refused = { id, stored: before };
        break;
      }
      accepted[id] = 3;
      if (i < ids.length - 1) await popup.press('Enter');
    }
    expect(refused, 'the full disk refused no write').toBeDefined();
    expect(await popup.text('[role=alert]')).toBe(
      'Not saved. The browser has no room left to save this. Free some disk space and try again.',
    );
    await popup.close();

    // Room again. Nothing half-written: what is stored is exactly what was there before the
    // refused write (read from the options page, which saves no drafts).
    disk.free();
    const reader = fromPlaywright(await full.open('src/options/index.html'));
    await reader.waitFor('h1');
    expect(await readPulses(reader)).toEqual(refused?.stored);
    expect(await reader.evaluate(readStoreInPage, 'unreadable' as const)).toEqual([]);
    await reader.close();
    // The answer chosen while the disk was full was kept, and the next open saves it.
    const again = fromPlaywright(await full.open('src/popup/index.html'));
    await expect.poll(() => storedAnswers(again)).toEqual({ ...accepted, [refused?.id ?? '']: 3 });
    await again.close();
  });
});
