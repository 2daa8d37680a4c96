/**
 * Steps a person takes, written once for every browser test that needs them (and, for issue 6,
 * for Firefox too): they take a page and use only the keyboard, the mouse and what is on screen.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Answer the open popup's pulse with the keyboard: one key per statement (1–5 or s), then a comment. */
export async function answerPulse(page: Page, keys: readonly string[], comment: string): Promise<void> {
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Pulse'));
  for (const [i, key] of keys.entries()) {
    await expect.poll(() => page.textContent('#progress')).toBe(`Statement ${i + 1} of ${keys.length}`);
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
  }
  await page.waitForSelector('textarea#comment');
  await page.keyboard.type(comment);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#thanks');
}

/** Paste an invite on the options page, check it, read what will be sent, and allow and join. */
export async function joinTeam(page: Page, invite: string, teamId: string): Promise<string> {
  await page.fill('textarea#invite', invite);
  await page.click('button:text("Check invite")');
  const preview = (await page.textContent('#send-preview')) ?? '';
  await page.click(`button:text("Allow and join ${teamId}")`);
  await expect.poll(() => page.textContent('#team-summary')).toMatch(new RegExp(`Sharing with team ${teamId}`));
  return preview;
}
