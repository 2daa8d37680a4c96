/**
 * The same dist/ in Firefox ESR, through the same steps as the Chromium tests: the weekly pulse
 * with the keyboard alone, read back from IndexedDB. Team sync in Firefox:
 * tests/e2e/firefox-sync.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { readStoreInPage, type StoreName } from './idb';
import { answerPulse, fromPuppeteer, PULSE_MOMENT, PULSE_WEEK, sharedClock } from './steps';

const COMMENT = 'SECRET-COMMENT: reviews wait for days';
// The week answered, on the extension's clock pinned at its Wednesday (not the real week).
const week = PULSE_WEEK;
const questions = pulseForWeek(week).questions;

let firefox: FirefoxExtension;
const clock = sharedClock();

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

describe('Firefox', () => {
  it('takes the weekly pulse with the keyboard alone and keeps it in IndexedDB', async () => {
    const setup = await firefox.open('src/options/index.html');
    await clock.move(fromPuppeteer(setup), PULSE_MOMENT.getTime() - Date.now());
    await setup.close();
    const popup = await firefox.open('src/popup/index.html');
    await answerPulse(fromPuppeteer(popup), ['4', '2', 's', '5'].slice(0, questions.length), COMMENT);
    const [stored] = (await popup.evaluate(readStoreInPage, 'pulses' as StoreName)) as {
      weekId: string;
      answers: Record<string, unknown>;
      comment: string;
      completed: boolean;
    }[];
    expect(stored).toMatchObject({ weekId: week, comment: COMMENT, completed: true });
    expect(stored?.answers[questions[0]?.id ?? '']).toBe(4);
    expect(stored?.answers[questions[2]?.id ?? '']).toBe('skip');
    await popup.close();
  });
});
