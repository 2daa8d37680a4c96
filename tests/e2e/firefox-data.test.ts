/**
 * "My data" in Firefox ESR, through the same steps as Chromium's (tests/e2e/my-data-steps.ts):
 * the exports saved to disk as files, a malformed or foreign file refused with the data
 * untouched, delete-all behind a confirmation, an export imported back whole. And a restart:
 * answers and the reminder alarm are still there after Firefox restarts on the same profile.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { myDataScenarios, seeded } from './my-data-steps';
import { answerPulse, fromPuppeteer, PULSE_MOMENT, PULSE_WEEK, readPulses, startFrom } from './steps';

const dir = mkdtempSync(join(tmpdir(), 'pulse-firefox-'));
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

describe('Firefox: my data', () => {
  myDataScenarios(() => ({
    setupPage: async () => fromPuppeteer(await firefox.open('src/options/index.html')),
    async openOptions() {
      const page = await firefox.open('src/options/index.html');
      return {
        ui: fromPuppeteer(page),
        download: (label) => firefox.download(page, label),
        async importFile(name, text) {
          const file = join(dir, name);
          writeFileSync(file, text);
          const input = await page.waitForSelector('input#import-file');
          await input?.uploadFile(file);
        },
      };
    },
  }));
});

describe('Firefox: a restart', () => {
  it('keeps answers and the reminder alarm when Firefox restarts on the same profile', async () => {
    const earlier = seeded.slice(0, 2);
    const setup = async () => fromPuppeteer(await firefox.open('src/options/index.html'));
    await startFrom(setup, PULSE_MOMENT, earlier);
    const popup = fromPuppeteer(await firefox.open('src/popup/index.html'));
    await answerPulse(
      popup,
      pulseForWeek(PULSE_WEEK).questions.map(() => '3'),
      'before the restart',
    );
    await popup.close();

    await firefox.close();
    firefox = await launchFirefox({ profile, uuid });
    const again = fromPuppeteer(await firefox.open('src/popup/index.html'));
    await again.waitFor('#thanks');
    const stored = [...(await readPulses(again))].sort((a, b) => a.weekId.localeCompare(b.weekId));
    expect(stored.slice(0, 2)).toEqual(earlier);
    expect(stored[2]).toMatchObject({ weekId: PULSE_WEEK, comment: 'before the restart', completed: true });
    await expect
      .poll(async () => (await again.evaluate(() => chrome.alarms.getAll(), undefined)).map((a) => a.name))
      .toContain('weekly-reminder');
    await again.close();
  });
});
