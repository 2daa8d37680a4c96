/**
 * Faults caused for real in Chromium (tests/e2e/fault-steps.ts, shared with Firefox): the browser
 * SIGKILLed while the popup answers, and two popups answering the same week at once. One profile
 * for the file, kept across the kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { faultScenarios } from './fault-steps';
import { fromPlaywright } from './steps';

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
