/**
 * The weekly reminder in real Chromium: the alarm is set at install, survives the service worker
 * being stopped and the browser restarting, follows the options page, and the badge shows while
 * the week's pulse is open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWakeUp } from '../../src/core/reminder';
import type { ReminderSettings } from '../../src/core/reminder-settings';
import { weekStart } from '../../src/core/week';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { fromPlaywright, PULSE_MOMENT, PULSE_WEEK, setDevClock } from './steps';

const ALARM = 'weekly-reminder';
let profile: string;
let browser: ExtensionBrowser;
/** The real clock just before the browser started: the extension was installed after it. */
let launchedAt: Date;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'pulse-reminder-'));
  launchedAt = new Date();
  browser = await launchExtension(profile);
});
afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function alarms() {
  const worker = await browser.worker();
  return worker.evaluate(() => chrome.alarms.getAll());
}

async function badge(): Promise<string> {
  const worker = await browser.worker();
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

async function openOptions(): Promise<Page> {
  const page = await browser.open('src/options/index.html');
  await page.waitForSelector('#reminder-day');
  return page;
}

/**
 * Set the extension's clock to Wednesday 10:00 of 2026-W48 (far from any reminder moment and the
 * week's end), whatever the real date; returns the offset, which alarms take off again.
 */
async function pinClock(page: Page): Promise<number> {
  const offset = PULSE_MOMENT.getTime() - Date.now();
  await setDevClock(fromPlaywright(page), offset);
  return offset;
}

describe('the weekly reminder', () => {
  it('is scheduled at install for the default Thursday afternoon', async () => {
    // At install the real clock runs (no test clock yet): the wake-up of a moment between the
    // launch and now, which differ only if a reminder moment passed meanwhile.
    const settings: ReminderSettings = { enabled: true, weekday: 4, minuteOfDay: 900 };
    await expect.poll(async () => (await alarms()).map((a) => a.name)).toEqual([ALARM]);
    const [alarm] = await alarms();
    const possible = [launchedAt, new Date()].map((now) => nextWakeUp({ now, settings })?.getTime());
    expect(possible).toContain(alarm?.scheduledTime);
  });

  it('is still there after the service worker is stopped, and a restarted worker answers', async () => {
    const before = await alarms();
    await browser.stopServiceWorker();
    // Opening the options page sends a message, which only a freshly started worker can answer.
    const page = await openOptions();
    await expect.poll(() => page.textContent('[role=status]')).toMatch(/Next reminder|has passed/);
    expect(await alarms()).toEqual(before);
    await page.close();
  });

  it('follows the options page: another day and time, then off, then on again', async () => {
    const page = await openOptions();
    const offset = await pinClock(page);
    await page.selectOption('#reminder-day', '5');
    await page.fill('#reminder-time', '23:59');
    const friday: ReminderSettings = { enabled: true, weekday: 5, minuteOfDay: 23 * 60 + 59 };
    await expect
      .poll(async () => (await alarms())[0]?.scheduledTime)
      .toBe((nextWakeUp({ now: PULSE_MOMENT, settings: friday })?.getTime() ?? 0) - offset);

    await page.getByRole('switch', { name: 'Remind me once a week' }).uncheck();
    await expect.poll(alarms).toEqual([]);
    expect(await page.textContent('[role=status]')).toMatch(/Reminders are off/);
    expect(await page.isDisabled('#reminder-day')).toBe(true);

    await page.getByRole('switch', { name: 'Remind me once a week' }).check();
    await expect.poll(async () => (await alarms()).length).toBe(1);
    await page.close();
  });

  it('shows the badge when due on a weekday, never at the weekend, and clears it once the pulse is done', async () => {
    // The development clock picks the day, so this checks the same thing whatever today is.
    const monday = weekStart(PULSE_WEEK);
    const wednesdayNoon = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 2, 12);
    // Next week's Saturday: a week in which no reminder has shown yet.
    const saturdayNoon = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 12, 12);
    const mondayMidnight: ReminderSettings = { enabled: true, weekday: 1, minuteOfDay: 0 };
    const options = await openOptions();
    const pinned = await pinClock(options);
    await options.selectOption('#reminder-day', '1');
    await options.fill('#reminder-time', '00:00');
    await expect
      .poll(async () => (await alarms())[0]?.scheduledTime)
      .toBe((nextWakeUp({ now: PULSE_MOMENT, settings: mondayMidnight })?.getTime() ?? 0) - pinned);
    // The background has acted on the new clock once the alarm is booked for that clock's next wake-up.
    const offset = saturdayNoon.getTime() - Date.now();
    const wake = (nextWakeUp({ now: saturdayNoon, settings: mondayMidnight })?.getTime() ?? 0) - offset;
    await setDevClock(fromPlaywright(options), offset);
    await expect.poll(async () => (await alarms())[0]?.scheduledTime).toBe(wake);
    expect(await badge()).toBe('');
    await setDevClock(fromPlaywright(options), wednesdayNoon.getTime() - Date.now());
    await expect.poll(badge).toBe('1');
    await options.close();

    const popup = await browser.open('src/popup/index.html');
    await popup.waitForSelector('input[type=radio]');
    for (let i = 0; i < 4; i++) {
      await popup.keyboard.press('3');
      await popup.keyboard.press('Enter');
    }
    await popup.waitForSelector('textarea#comment');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#thanks');
    await expect.poll(badge).toBe('');
    await popup.close();
  });

  it('survives a browser restart', async () => {
    const before = await alarms();
    expect(before).toHaveLength(1);
    await browser.context.close();
    browser = await launchExtension(profile);
    await expect.poll(alarms).toEqual(before);
  });
});
