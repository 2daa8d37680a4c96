/**
 * The weekly pulse in Firefox ESR, through the same steps as in Chromium (pulse.test.ts): the first
 * screen, closing mid-pulse and resuming at the right statement, the comment draft kept across a
 * close, reopening on the thank-you and changing an answer, and Escape closing the popup.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { weekIdOf } from '../../src/core/week';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPuppeteer, type OpenPopup, pulseScenarios } from './steps';

let firefox: FirefoxExtension;
const open: OpenPopup = async () => fromPuppeteer(await firefox.open('src/popup/index.html'));

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

describe('Firefox: the weekly pulse with the keyboard alone', () => {
  // The week the browser is in; computed the same way as the extension.
  pulseScenarios(open, weekIdOf(new Date()));
});
