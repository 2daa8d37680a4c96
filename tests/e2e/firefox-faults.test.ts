/**
 * Faults caused for real in Firefox ESR, through the same steps as Chromium's
 * (tests/e2e/fault-steps.ts): Firefox SIGKILLed while the popup answers, and two popups answering
 * the same week at once. One profile (and extension host) for the file, kept across the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { clockAcrossWeekAndDst, diskFullWhileAnswering, faultScenarios } from './fault-steps';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { mountSmallDisk, type SmallDisk } from './small-disk';
import { fromPuppeteer } from './steps';

// The browsers start in a time zone with daylight saving time (they read TZ from the environment).
process.env.TZ = 'Europe/Berlin';

const dir = mkdtempSync(join(tmpdir(), 'pulse-firefox-faults-'));
const profile = join(dir, 'profile');
const uuid = crypto.randomUUID();
let firefox: FirefoxExtension;

beforeAll(async () => {
  firefox = await launchFirefox({ profile, uuid });
});
afterAll(async () => {
  await firefox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Firefox: faults while answering', () => {
  faultScenarios(() => ({
    open: async () => fromPuppeteer(await firefox.open('src/popup/index.html')),
    setupPage: async () => fromPuppeteer(await firefox.open('src/options/index.html')),
    async killAndRestart() {
      await firefox.kill();
      firefox = await launchFirefox({ profile, uuid });
    },
  }));
});

describe('Firefox: the disk full while answering', () => {
  let disk: SmallDisk;
  let full: FirefoxExtension;
  beforeAll(async () => {
    disk = mountSmallDisk(128);
    full = await launchFirefox({ profile: `${disk.dir}/profile` });
  });
  afterAll(async () => {
    await full?.close();
    disk?.unmount();
  });

  it('says the browser has no room, writes nothing half, and saves the refused answer once there is room', () =>
    diskFullWhileAnswering({
      open: async () => fromPuppeteer(await full.open('src/popup/index.html')),
      setupPage: async () => fromPuppeteer(await full.open('src/options/index.html')),
      disk,
    }));
});

describe('Firefox: the clock across a week boundary and a DST change', () => {
  it('closes the week at midnight while open, keeps each week’s answers apart, back and forward', () =>
    clockAcrossWeekAndDst({
      open: async () => fromPuppeteer(await firefox.open('src/popup/index.html')),
      setupPage: async () => fromPuppeteer(await firefox.open('src/options/index.html')),
    }));
});
