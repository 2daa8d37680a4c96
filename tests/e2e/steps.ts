/**
 * Steps a person takes, written once for the browser tests of both browsers: they drive a small
 * page interface (keys, text, clicks on what is on screen), implemented for playwright-core
 * (Chromium) and puppeteer-core (Firefox).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { expect } from 'vitest';
import { SEND_SPREAD_MS } from '../../src/core/outbox';
import { type WeekId, weekEnd } from '../../src/core/week';
import { readStoreInPage, type StoreName } from './idb';

export interface UserPage {
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  /** The text of the first element matching a CSS selector, '' when there is none. */
  text(selector: string): Promise<string>;
  waitFor(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Click the button whose accessible text starts with `label`, as a person would. */
  clickButton(label: string): Promise<void>;
  /** Run a function in the page (an extension page: it may use chrome.* and IndexedDB). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
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
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown),
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
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => Promise<R>, arg as unknown) as Promise<R>,
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

/** Clock offset that puts the extension after the week's close and after its latest first-send moment. */
export function afterFirstSends(week: WeekId): number {
  return weekEnd(week).getTime() + SEND_SPREAD_MS + 60_000 - Date.now();
}

/** Move the extension's development clock (see src/platform/clock.ts) to `ms` past the real one. */
export async function setDevClock(page: UserPage, ms: number): Promise<void> {
  await page.evaluate((value) => chrome.storage.local.set({ devClockOffsetMs: value }), ms);
}

export interface OutboxRow {
  readonly weekId: string;
  readonly state: string;
  readonly attempts: number;
  readonly sendAt: number;
}

export async function readOutbox(page: UserPage): Promise<OutboxRow[]> {
  return (await page.evaluate(readStoreInPage, 'outbox' as StoreName)) as OutboxRow[];
}
