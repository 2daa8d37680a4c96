/**
 * The weekly pulse in the built extension, in real Chromium, with the keyboard alone: answer,
 * close mid-pulse, reopen where it was left, finish, change an answer; then check what IndexedDB
 * really holds. The steps are shared with Firefox (firefox-pulse.test.ts), in steps.ts.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { fromPlaywright, type OpenPopup, pulseScenarios } from './steps';

let browser: ExtensionBrowser;
const open: OpenPopup = async () => fromPlaywright(await browser.open('src/popup/index.html'));
const setupPage: OpenPopup = async () => fromPlaywright(await browser.open('src/options/index.html'));

beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('the weekly pulse with the keyboard alone', () => {
  pulseScenarios(open, setupPage);
});
