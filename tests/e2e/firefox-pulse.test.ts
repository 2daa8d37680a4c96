/**
 * The weekly pulse in Firefox ESR, through the same steps as in Chromium (pulse.test.ts): the first
 * screen, closing mid-pulse and resuming at the right statement, the comment draft kept across a
 * close, reopening on the thank-you and changing an answer, and Escape closing the popup.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPuppeteer, type OpenPopup, pulseScenarios } from './steps';

let firefox: FirefoxExtension;
const open: OpenPopup = async () => fromPuppeteer(await firefox.open('src/popup/index.html'));
const setupPage: OpenPopup = async () => fromPuppeteer(await firefox.open('src/options/index.html'));

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

describe('Firefox: the weekly pulse with the keyboard alone', () => {
  pulseScenarios(open, setupPage);
});
