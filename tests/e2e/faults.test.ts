/**
 * Faults caused for real in Chromium (tests/e2e/fault-steps.ts, shared with Firefox): the browser
 * SIGKILLed while the popup answers, and two popups answering the same week at once. One profile
 * for the file, kept across the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { clockAcrossWeekAndDst, diskFullWhileAnswering, faultScenarios } from './fault-steps';
import { mountSmallDisk, type SmallDisk } from './small-disk';
import { fromPlaywright } from './steps';

// The browsers start in a time zone with daylight saving time (they read TZ from the environment).
process.env.TZ = 'Europe/Berlin';

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

  it('says the browser has no room, writes nothing half, and saves the refused answer once there is room', () =>
    diskFullWhileAnswering({
      open: async () => fromPlaywright(await full.open('src/popup/index.html')),
      setupPage: async () => fromPlaywright(await full.open('src/options/index.html')),
      disk,
    }));
});

describe('Chromium: the clock across a week boundary and a DST change', () => {
  it('closes the week at midnight while open, keeps each week’s answers apart, back and forward', () =>
    clockAcrossWeekAndDst({
      open: async () => fromPlaywright(await browser.open('src/popup/index.html')),
      setupPage: async () => fromPlaywright(await browser.open('src/options/index.html')),
    }));
});
