/**
 * The weekly pulse in Firefox ESR, through the same steps as in Chromium (pulse.test.ts): the first
 * screen, closing mid-pulse and resuming at the right statement, the comment draft kept across a
 * close, reopening on the thank-you and changing an answer, and Escape closing the popup.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { weekIdOf } from '../../src/core/week';
import { type FirefoxExtension, launchFirefox } from './firefox';
import {
  changesAnAnswer,
  closesWithEscape,
  fromPuppeteer,
  type OpenPopup,
  opensOnFirstStatement,
  resumesAndFinishes,
} from './steps';

let firefox: FirefoxExtension;
const open: OpenPopup = async () => fromPuppeteer(await firefox.open('src/popup/index.html'));

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

describe('Firefox: the weekly pulse with the keyboard alone', () => {
  const week = weekIdOf(new Date());

  it('shows this week’s statements with the first point focused and nothing chosen', () =>
    opensOnFirstStatement(open, week));

  it('answers, survives closing mid-pulse, resumes, keeps the comment draft, and finishes', () =>
    resumesAndFinishes(open, week));

  it('reopens on the thank-you, and lets an answer change until the week closes', () => changesAnAnswer(open, week));

  it('closes with Escape', () => closesWithEscape(open));
});
