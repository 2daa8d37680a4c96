/**
 * The weekly pulse in the built extension, in real Chromium, with the keyboard alone: answer,
 * close mid-pulse, reopen where it was left, finish, change an answer; then check what IndexedDB
 * really holds.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { weekIdOf } from '../../src/core/week';
import { type ExtensionBrowser, launchExtension, readStore } from './chromium';

const POPUP = 'src/popup/index.html';
let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

async function openPopup(): Promise<Page> {
  const page = await browser.open(POPUP);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Pulse'));
  return page;
}

/** The focused element's accessible description, as a screen reader would start with it. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase(),
      type: el?.type,
      value: el?.value,
      checked: el?.checked,
      label: el?.closest('label')?.textContent?.trim(),
      legend: el?.closest('fieldset')?.querySelector('legend')?.textContent,
      outline: el ? getComputedStyle(el.closest('label') ?? el).outlineStyle : undefined,
    };
  });
}

describe('the weekly pulse with the keyboard alone', () => {
  // The week the browser is in; computed the same way as the extension.
  const week = weekIdOf(new Date());
  const questions = pulseForWeek(week).questions;

  it('shows this week’s statements with the first point focused and nothing chosen', async () => {
    const page = await openPopup();
    await expect.poll(() => page.textContent('h1')).toBe(`Pulse · ${week}`);
    expect(await page.textContent('#progress')).toBe(`Statement 1 of ${questions.length}`);
    const f = await focused(page);
    expect(f).toMatchObject({ tag: 'input', type: 'radio', checked: false, legend: questions[0]?.text });
    expect(f.outline).toBe('solid');
    expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
    // Every point has a word, not only a number.
    const names = await page
      .locator('input[type=radio]')
      .evaluateAll((els) => els.map((el) => el.closest('label')?.textContent?.replace(/^\d/, '').trim()));
    expect(names).toEqual(['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree', 'Skip']);
    await page.close();
  });

  it('answers, survives closing mid-pulse, resumes, keeps the comment draft, and finishes', async () => {
    let page = await openPopup();
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('input[value="4"]').isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#progress')).toBe(`Statement 2 of ${questions.length}`);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#progress')).toBe(`Statement 3 of ${questions.length}`);
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('input[value="skip"]').isChecked()).toBe(true);
    await page.close(); // The popup closes (a click elsewhere) before Enter.

    page = await openPopup();
    // Statement 3 was answered (skipped) before closing, so it resumes at statement 4.
    await expect.poll(() => page.textContent('#progress')).toBe(`Statement 4 of ${questions.length}`);
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await page.waitForSelector('textarea#comment');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
    await page.keyboard.type('Releases were slow: 3 handoffs');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('and one more line');
    // Closed the moment the last key is typed, without waiting for any save.
    await page.close();

    page = await openPopup();
    await page.waitForSelector('textarea#comment');
    expect(await page.inputValue('textarea#comment')).toBe('Releases were slow: 3 handoffs\nand one more line');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#thanks');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('thanks');
    await expect.poll(() => page.locator('table.history tbody tr').count()).toBe(1);

    const stored = await readStore(page, 'pulses');
    expect(stored).toEqual([
      {
        weekId: week,
        bankVersion: 1,
        questionIds: questions.map((q) => q.id),
        answers: {
          [questions[0]?.id ?? '']: 4,
          [questions[1]?.id ?? '']: 2,
          [questions[2]?.id ?? '']: 'skip',
          [questions[3]?.id ?? '']: 3,
        },
        comment: 'Releases were slow: 3 handoffs\nand one more line',
        completed: true,
        updatedAt: expect.any(Number),
      },
    ]);
    await page.close();
  });

  it('reopens on the thank-you, and lets an answer change until the week closes', async () => {
    const page = await openPopup();
    await page.waitForSelector('#thanks');
    expect(await page.textContent('dl.answers')).toContain('Agree');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change my answers');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#progress')).toBe(`Statement 1 of ${questions.length}`);
    const f = await focused(page);
    expect(f).toMatchObject({ value: '4', checked: true });
    await page.keyboard.press('1');
    await expect
      .poll(
        async () =>
          ((await readStore(page, 'pulses'))[0] as { answers: Record<string, unknown> }).answers[
            questions[0]?.id ?? ''
          ],
      )
      .toBe(1);
    // Arrow keys move between points too, choosing as they go (native radio behaviour).
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(
        async () =>
          ((await readStore(page, 'pulses'))[0] as { answers: Record<string, unknown> }).answers[
            questions[0]?.id ?? ''
          ],
      )
      .toBe(2);
    await page.close();
  });

  it('closes with Escape', async () => {
    const page = await openPopup();
    // The page may be gone before the key press is acknowledged.
    await Promise.all([page.waitForEvent('close'), page.keyboard.press('Escape').catch(() => {})]);
    expect(page.isClosed()).toBe(true);
  });
});
