/**
 * The welcome page, in Chromium and Firefox: opened by itself on a first install, telling how to pin
 * the icon in the browser it runs in, with the reminder's day and time to check; Settings links to
 * it ("Not seeing the badge?"). In Firefox, whose permission prompts the test profile accepts, the
 * notification switch asks for the optional permission and gives it back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPlaywright, fromPuppeteer, type UserPage } from './steps';

let open: (ExtensionBrowser | FirefoxExtension)[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

const WELCOME = /\/src\/welcome\/index\.html$/;

async function expectWelcome(page: UserPage, step2: RegExp): Promise<void> {
  await page.waitFor('#reminder-day');
  expect(await page.text('h1')).toBe('Welcome to Culture Pulse');
  expect(await page.evaluate(() => document.querySelectorAll('.promise li').length, undefined)).toBe(3);
  expect(await page.text('.pin-steps li:last-child')).toMatch(step2);
  expect(
    await page.evaluate(() => document.querySelector('svg.pin-picture')?.getAttribute('aria-label'), undefined),
  ).toMatch(/^Where to pin/);
  // The reminder as stored: its day and time to confirm.
  expect(
    await page.evaluate(() => document.querySelector<HTMLSelectElement>('#reminder-day')?.value, undefined),
  ).toMatch(/^[1-5]$/);
  expect(
    await page.evaluate(() => document.querySelector<HTMLInputElement>('#reminder-time')?.value, undefined),
  ).toMatch(/^\d\d:\d\d$/);
}

describe('the welcome page', () => {
  it('opens in Chromium on install and shows the pin', async () => {
    const browser = await launchExtension();
    open.push(browser);
    await expect.poll(() => browser.context.pages().filter((p) => WELCOME.test(p.url())).length).toBe(1);
    const page = browser.context.pages().find((p) => WELCOME.test(p.url()));
    if (!page) throw new Error('no welcome page');
    await expectWelcome(fromPlaywright(page), /^Click the pin next to Culture Pulse\.$/);
    // Settings: "Not seeing the badge? Pin the icon", leading here.
    const options = await browser.open('src/options/index.html');
    await options.waitForSelector('#pin-hint a');
    expect(await options.textContent('#pin-hint')).toMatch(
      /^Not seeing the badge\? Pin the icon: how to pin Culture Pulse\.$/,
    );
    await options.click('#pin-hint a');
    await options.waitForURL(/\/src\/welcome\/index\.html#pin$/);
    // Not asked for at install: the notification switch starts off.
    expect(await options.isChecked('#notify-switch')).toBe(false);
  });

  it('opens in Firefox on install, shows the gear, and switches notifications on and off', async () => {
    const browser = await launchFirefox({ keepWelcome: true });
    open.push(browser);
    // Over BiDi a tab the extension opened reports about:blank as its url(): ask the page itself.
    const welcomePage = async () => {
      for (const p of await browser.browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (WELCOME.test(href)) return p;
      }
      return undefined;
    };
    await expect.poll(async () => (await welcomePage()) !== undefined).toBe(true);
    const page = await welcomePage();
    if (!page) throw new Error('no welcome page');
    await expectWelcome(fromPuppeteer(page), /Pin to Toolbar/);

    const options = await browser.open('src/options/index.html');
    await options.waitForSelector('#notify-switch:not([disabled])');
    const allowed = () => options.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] }));
    expect(await allowed()).toBe(false);
    await options.click('#notify-switch');
    await expect.poll(allowed).toBe(true);
    expect(await options.$eval('#notify-switch', (e) => (e as HTMLInputElement).checked)).toBe(true);
    await options.click('#notify-switch');
    await expect.poll(allowed).toBe(false);
  });
});
