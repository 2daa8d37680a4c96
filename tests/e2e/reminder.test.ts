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
import { isReminderDue, nextWakeUp } from '../../src/core/reminder';
import type { ReminderSettings } from '../../src/core/reminder-settings';
import { type ExtensionBrowser, launchExtension } from './chromium';

const ALARM = 'weekly-reminder';
let profile: string;
let browser: ExtensionBrowser;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'pulse-reminder-'));
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

describe('the weekly reminder', () => {
  it('is scheduled at install for the default Thursday afternoon', async () => {
    const settings: ReminderSettings = { enabled: true, weekday: 4, minuteOfDay: 900 };
    const expected = nextWakeUp({ now: new Date(), settings })?.getTime();
    await expect.poll(async () => (await alarms()).map((a) => [a.name, a.scheduledTime])).toEqual([[ALARM, expected]]);
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
    await page.selectOption('#reminder-day', '5');
    await page.fill('#reminder-time', '23:59');
    const friday: ReminderSettings = { enabled: true, weekday: 5, minuteOfDay: 23 * 60 + 59 };
    await expect
      .poll(async () => (await alarms())[0]?.scheduledTime)
      .toBe(nextWakeUp({ now: new Date(), settings: friday })?.getTime());

    await page.getByRole('switch', { name: 'Remind me once a week' }).uncheck();
    await expect.poll(alarms).toEqual([]);
    expect(await page.textContent('[role=status]')).toMatch(/Reminders are off/);
    expect(await page.isDisabled('#reminder-day')).toBe(true);

    await page.getByRole('switch', { name: 'Remind me once a week' }).check();
    await expect.poll(async () => (await alarms()).length).toBe(1);
    await page.close();
  });

  it('shows the badge when due (weekdays only) and clears it once the pulse is done', async () => {
    // Monday 00:00 has always passed this week, so the reminder is due now unless it is the weekend.
    const options = await openOptions();
    await options.selectOption('#reminder-day', '1');
    await options.fill('#reminder-time', '00:00');
    const settings: ReminderSettings = { enabled: true, weekday: 1, minuteOfDay: 0 };
    const due = isReminderDue({ now: new Date(), settings, state: { lastShownOn: null }, pulseDone: false });
    await expect.poll(badge).toBe(due ? '1' : '');
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
