/**
 * Faults caused for real in Firefox ESR, through the same steps as Chromium's
 * (tests/e2e/fault-steps.ts): Firefox SIGKILLed while the popup answers, and two popups answering
 * the same week at once. One profile (and extension host) for the file, kept across the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { faultScenarios } from './fault-steps';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPuppeteer } from './steps';

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
