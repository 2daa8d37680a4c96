/**
 * Steps a person takes, written once for the browser tests of both browsers: they drive a small
 * page interface (keys, text, clicks on what is on screen), implemented for playwright-core
 * (Chromium) and puppeteer-core (Firefox).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { expect } from 'vitest';

export interface UserPage {
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  /** The text of the first element matching a CSS selector, '' when there is none. */
  text(selector: string): Promise<string>;
  waitFor(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Click the button whose accessible text starts with `label`, as a person would. */
  clickButton(label: string): Promise<void>;
}

export function fromPlaywright(page: PlaywrightPage): UserPage {
  return {
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    text: async (selector) =>
      (await page
        .locator(selector)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => '')) ?? '',
    waitFor: async (selector) => void (await page.waitForSelector(selector)),
    fill: (selector, value) => page.fill(selector, value),
    clickButton: (label) => page.getByRole('button', { name: label }).first().click(),
  };
}

export function fromPuppeteer(page: PuppeteerPage): UserPage {
  return {
    press: (key) => page.keyboard.press(key as never),
    type: (text) => page.keyboard.type(text),
    text: (selector) => page.$eval(selector, (e) => e.textContent ?? '').catch(() => ''),
    waitFor: async (selector) => void (await page.waitForSelector(selector)),
    async fill(selector, value) {
      await page.$eval(selector, (e) => {
        (e as HTMLTextAreaElement).value = '';
      });
      await page.type(selector, value);
    },
    async clickButton(label) {
      const button = await page.waitForSelector(`button::-p-text(${label})`, { visible: true });
      await button?.click();
    },
  };
}

/** Answer the open popup's pulse with the keyboard: one key per statement (1–5 or s), then a comment. */
export async function answerPulse(page: UserPage, keys: readonly string[], comment: string): Promise<void> {
  await expect.poll(() => page.text('h1')).toMatch(/^Pulse/);
  for (const [i, key] of keys.entries()) {
    await expect.poll(() => page.text('#progress')).toBe(`Statement ${i + 1} of ${keys.length}`);
    await page.press(key);
    await page.press('Enter');
  }
  await page.waitFor('textarea#comment');
  await page.type(comment);
  await page.press('Enter');
  await page.waitFor('#thanks');
}

/** Paste an invite on the options page, check it, read what will be sent, and allow and join. */
export async function joinTeam(page: UserPage, invite: string, teamId: string): Promise<string> {
  await page.fill('textarea#invite', invite);
  await page.clickButton('Check invite');
  await page.waitFor('#send-preview');
  const preview = await page.text('#send-preview');
  await page.clickButton(`Allow and join ${teamId}`);
  await expect.poll(() => page.text('#team-summary')).toMatch(new RegExp(`Sharing with team ${teamId}`));
  return preview;
}
