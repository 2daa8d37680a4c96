/**
 * The weekly reminder in Firefox ESR, whose background is an event page: booked at install,
 * following the options page, and still there when the background has been unloaded and a fresh
 * one answers. Its own browser, with the background unloaded after 2 s idle.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWakeUp } from '../../src/core/reminder';
import type { ReminderSettings } from '../../src/core/reminder-settings';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { PULSE_MOMENT } from './steps';

let firefox: FirefoxExtension;
/** The real clock just before Firefox started: the extension was installed after it. */
let launchedAt: Date;

beforeAll(async () => {
  launchedAt = new Date();
  firefox = await launchFirefox({ idleUnloadMs: 2000 });
});
afterAll(async () => {
  await firefox?.close();
});

async function alarms(page: Page) {
  return page.evaluate(() => chrome.alarms.getAll());
}

describe('Firefox: the weekly reminder', () => {
  it('books the weekly reminder at install, follows the options page, and survives the background unloading', async () => {
    const options = await firefox.open('src/options/index.html');
    const thursday: ReminderSettings = { enabled: true, weekday: 4, minuteOfDay: 900 };
    // At install the real clock runs: the wake-up of a moment between the launch and now.
    await expect.poll(async () => (await alarms(options)).map((a) => a.name)).toEqual(['weekly-reminder']);
    const [installed] = await alarms(options);
    const possible = [launchedAt, new Date()].map((now) => nextWakeUp({ now, settings: thursday })?.getTime());
    expect(possible).toContain(installed?.scheduledTime);
    // From here the extension's clock is pinned at Wednesday 10:00 of 2026-W48, whatever the real date.
    const offset = PULSE_MOMENT.getTime() - Date.now();
    await options.evaluate((value) => chrome.storage.local.set({ devClockOffsetMs: value }), offset);
    await options.waitForSelector('#reminder-day');
    await options.select('#reminder-day', '5');
    const friday: ReminderSettings = { ...thursday, weekday: 5 };
    await expect
      .poll(async () => (await alarms(options)).find((a) => a.name === 'weekly-reminder')?.scheduledTime)
      .toBe((nextWakeUp({ now: PULSE_MOMENT, settings: friday })?.getTime() ?? 0) - offset);
    // The event page is unloaded after 2 s idle (pref); a fresh one answers the page's next message.
    await firefox.backgroundUnloaded();
    const again = await firefox.open('src/options/index.html');
    await expect
      .poll(() => again.$eval('[role=status]', (e) => e.textContent ?? ''))
      .toMatch(/Next reminder|has passed/);
    expect((await alarms(again)).map((a) => a.name)).toContain('weekly-reminder');
    await again.close();
    await options.close();
  });
});
