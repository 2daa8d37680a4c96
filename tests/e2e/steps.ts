/**
 * Steps a person takes, written once for the browser tests of both browsers: they drive a small
 * page interface (keys, text, clicks on what is on screen), implemented for playwright-core
 * (Chromium) and puppeteer-core (Firefox).
 */
import Papa from 'papaparse';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { KeyInput, Page as PuppeteerPage } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { SEND_SPREAD_MS } from '../../src/core/outbox';
import { pulseForWeek } from '../../src/core/rotation';
import type { PulseRecord } from '../../src/core/schemas';
import { type WeekId, weekEnd, weekIdOf } from '../../src/core/week';
import { readStoreInPage, type StoreName, startFromInPage } from './idb';

export interface UserPage {
  /** A key, or a chord such as 'Shift+Enter'. */
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
  /** Close the page from outside, as a click elsewhere closes the popup. */
  close(): Promise<void>;
  /** Whether the page has closed, by itself (window.close()) or otherwise. */
  closed(): Promise<boolean>;
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
    close: () => page.close(),
    closed: async () => page.isClosed(),
  };
}

export function fromPuppeteer(page: PuppeteerPage): UserPage {
  return {
    async press(chord) {
      // puppeteer presses one key at a time: hold the modifiers of a chord around it.
      const keys = chord.split('+') as KeyInput[];
      const key = keys.pop() as KeyInput;
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(key);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
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
    close: () => page.close(),
    // Firefox ESR 153 sends no browsingContext.contextDestroyed when an extension's tab closes, so
    // puppeteer's page.isClosed() stays false: ask the tab, and Firefox answers that it is gone.
    closed: () =>
      page
        .evaluate(() => false)
        .catch((error: unknown) => {
          if (String(error).includes('no such frame')) return true;
          throw error;
        }),
  };
}

/** Answer the open popup's pulse with the keyboard: one key per statement (1–5 or s), then a comment. */
export async function answerPulse(page: UserPage, keys: readonly string[], comment: string): Promise<void> {
  await expect.poll(() => page.text('h1')).toMatch(/^This week · /);
  for (const [i, key] of keys.entries()) {
    await expect.poll(() => page.text('#progress')).toBe(`Statement ${i + 1} of ${keys.length}`);
    await page.press(key);
    await page.press('Enter');
  }
  // Focused, not just there: keys typed before would go to the last statement, not the comment.
  await page.waitFor('textarea#comment:focus');
  await page.type(comment);
  await page.press('Enter');
  await page.waitFor('#thanks');
}

/** Opens a fresh page of the popup, as a click on the toolbar button does. */
export type OpenPopup = () => Promise<UserPage>;

/**
 * The pulse scenarios' moment, and every browser test's that reads "this week": Wednesday of
 * 2026-W48 at 10:00 local time, far from the week's close (Sunday 24:00) and from the default
 * reminder (Thursday 15:00), whenever, wherever and however long the run.
 */
export const PULSE_WEEK: WeekId = '2026-W48';
export const PULSE_MOMENT = new Date(2026, 10, 25, 10);

/**
 * Start a scenario from a known state whatever ran before it: the extension's clock at `at`, the
 * pulses store holding exactly `records`, no drafts. Done from `setupPage` (an extension page that
 * does not write pulses: the options page), which is closed afterwards.
 */
export async function startFrom(setupPage: OpenPopup, at: Date, records: readonly PulseRecord[] = []): Promise<void> {
  const page = await setupPage();
  await page.waitFor('h1');
  await page.evaluate(startFromInPage, { at: at.getTime(), records: [...records] });
  await page.close();
}

/**
 * `startFrom`, for a test with an endpoint: the extension's clock and the endpoint's (`clock`)
 * both read `at` now, and the pulses store holds exactly `records`.
 */
export async function startWithEndpointFrom(
  setupPage: OpenPopup,
  clock: SharedClock,
  at: Date,
  records: readonly PulseRecord[],
): Promise<void> {
  const page = await setupPage();
  await page.waitFor('h1');
  await page.evaluate(startFromInPage, { at: at.getTime(), records: [...records] });
  await clock.move(page, at.getTime() - Date.now());
  await page.close();
}

/** The week's record as resumesAndFinishes leaves it: four statements answered, a comment, done. */
export function finishedPulse(week: WeekId): PulseRecord {
  const ids = pulseForWeek(week).questions.map((q) => q.id);
  return {
    weekId: week,
    bankVersion: 1,
    questionIds: ids,
    answers: { [ids[0] ?? '']: 4, [ids[1] ?? '']: 2, [ids[2] ?? '']: 'skip', [ids[3] ?? '']: 3 },
    comment: 'Releases were slow: 3 handoffs\nand one more line',
    completed: true,
    updatedAt: 1,
  };
}

async function openPulse(open: OpenPopup): Promise<UserPage> {
  const page = await open();
  await expect.poll(() => page.text('h1')).toMatch(/^This week · /);
  return page;
}

/** Runs in the page: the focused element as a screen reader would start describing it. */
function focusedInPage() {
  const el = document.activeElement as HTMLInputElement | null;
  return {
    tag: el?.tagName.toLowerCase(),
    type: el?.type,
    value: el?.value,
    checked: el?.checked,
    id: el?.id,
    text: el?.textContent,
    label: el?.closest('label')?.textContent?.trim(),
    legend: el?.closest('fieldset')?.querySelector('legend')?.textContent,
    outline: el ? getComputedStyle(el.closest('label') ?? el).outlineStyle : undefined,
  };
}

const focused = (page: UserPage) => page.evaluate(focusedInPage, undefined);
const count = (page: UserPage, selector: string) => page.evaluate((s) => document.querySelectorAll(s).length, selector);
const isChecked = (page: UserPage, selector: string) =>
  page.evaluate((s) => (document.querySelector(s) as HTMLInputElement | null)?.checked ?? false, selector);

export async function readPulses(page: UserPage): Promise<PulseRecord[]> {
  return (await page.evaluate(readStoreInPage, 'pulses' as StoreName)) as PulseRecord[];
}

/**
 * The pulse opens on the week's first statement, named by its days, not its week code; the group of
 * points focused (and visibly so), no point focused or ringed as if chosen, nothing chosen.
 */
export async function opensOnFirstStatement(open: OpenPopup, week: WeekId): Promise<void> {
  const questions = pulseForWeek(week).questions;
  const page = await openPulse(open);
  // "This week · Nov 30 – Dec 6": two days and a dash, as the browser's language writes them.
  expect(await page.text('h1')).toMatch(/^This week · \S+\s\d+\s–\u2060\s(\S+\s)?\d+$/);
  expect(await page.text('h1')).not.toContain(week);
  expect(await page.text('#progress')).toBe(`Statement 1 of ${questions.length}`);
  expect(await focused(page)).toMatchObject({ tag: 'fieldset', legend: questions[0]?.text });
  // The ring shows once the window has focus, which a just-opened Firefox tab may take a moment to get.
  await expect.poll(async () => (await focused(page)).outline).toBe('solid');
  expect(await count(page, 'input[type=radio]:checked')).toBe(0);
  const ringed = await page.evaluate(
    () =>
      [...document.querySelectorAll('.scale-option, .scale-skip')].filter(
        (l) => getComputedStyle(l).outlineStyle !== 'none',
      ).length,
    undefined,
  );
  expect(ringed).toBe(0);
  // Where the answers go, with no team joined.
  await expect.poll(() => page.text('#destination')).toBe('Your answers stay in this browser.');
  // An arrow steps onto the first point without choosing it; the next arrow moves and chooses.
  await page.press('ArrowRight');
  expect(await focused(page)).toMatchObject({ tag: 'input', type: 'radio', value: '1', checked: false });
  // Every point has a word, not only a number.
  const names = await page.evaluate(
    () =>
      [...document.querySelectorAll('input[type=radio]')].map((el) =>
        el.closest('label')?.textContent?.replace(/^\d/, '').trim(),
      ),
    undefined,
  );
  expect(names).toEqual(['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree', 'Skip']);
  await page.close();
}

/**
 * Answer with the keyboard, close mid-pulse (before Enter), reopen where it was left, type a
 * comment and close at once, reopen with the draft there, finish; then read what IndexedDB holds.
 */
export async function resumesAndFinishes(open: OpenPopup, week: WeekId): Promise<void> {
  const questions = pulseForWeek(week).questions;
  const progress = (page: UserPage, n: number) =>
    expect.poll(() => page.text('#progress')).toBe(`Statement ${n} of ${questions.length}`);
  let page = await openPulse(open);
  await page.press('4');
  await expect.poll(() => isChecked(page, 'input[value="4"]')).toBe(true);
  await page.press('Enter');
  await progress(page, 2);
  await page.press('2');
  await page.press('Enter');
  await progress(page, 3);
  await page.press('s');
  await expect.poll(() => isChecked(page, 'input[value="skip"]')).toBe(true);
  await page.close(); // The popup closes (a click elsewhere) before Enter.

  page = await openPulse(open);
  // Statement 3 was answered (skipped) before closing, so it resumes at statement 4.
  await progress(page, 4);
  await page.press('3');
  await page.press('Enter');
  await page.waitFor('textarea#comment');
  expect((await focused(page)).id).toBe('comment');
  // One statement was skipped: the count agrees with the thank-you's history ("3 of 4").
  expect(await page.text('.progress')).toBe(`${questions.length - 1} of ${questions.length} statements answered`);
  await page.type('Releases were slow: 3 handoffs');
  await page.press('Shift+Enter');
  await page.type('and one more line');
  // Closed the moment the last key is typed, without waiting for any save.
  await page.close();

  page = await openPulse(open);
  await page.waitFor('textarea#comment');
  expect(await page.evaluate((s) => document.querySelector<HTMLTextAreaElement>(s)?.value, 'textarea#comment')).toBe(
    'Releases were slow: 3 handoffs\nand one more line',
  );
  await page.press('Enter');
  await page.waitFor('#thanks');
  expect((await focused(page)).id).toBe('thanks');
  // Focused so a screen reader starts there, but not boxed as if it were a control.
  expect((await focused(page)).outline).toBe('none');
  await expect.poll(() => count(page, 'table.history tbody tr')).toBe(1);
  expect(await page.text('table.history tbody td:last-child')).toBe(`${questions.length - 1} of ${questions.length}`);

  expect(await readPulses(page)).toEqual([{ ...finishedPulse(week), updatedAt: expect.any(Number) }]);
  await page.close();
}

/** A finished week (as resumesAndFinishes leaves it): the popup reopens on the thank-you, and the first answer can still change. */
export async function changesAnAnswer(open: OpenPopup, week: WeekId): Promise<void> {
  const questions = pulseForWeek(week).questions;
  const page = await openPulse(open);
  const firstAnswer = async () => (await readPulses(page))[0]?.answers[questions[0]?.id ?? ''];
  await page.waitFor('#thanks');
  expect(await page.text('dl.answers')).toContain('Agree');
  await page.press('Tab');
  expect((await focused(page)).text).toBe('Change my answers');
  await page.press('Enter');
  await expect.poll(() => page.text('#progress')).toBe(`Statement 1 of ${questions.length}`);
  expect(await focused(page)).toMatchObject({ value: '4', checked: true });
  await page.press('1');
  await expect.poll(firstAnswer).toBe(1);
  // Arrow keys move between points too, choosing as they go (native radio behaviour).
  await page.press('ArrowRight');
  await expect.poll(firstAnswer).toBe(2);
  await page.close();
}

/** Escape closes the popup. */
export async function closesWithEscape(open: OpenPopup): Promise<void> {
  const page = await openPulse(open);
  expect(await page.closed()).toBe(false);
  // The page may be gone before the key press is acknowledged.
  await page.press('Escape').catch(() => {});
  // The popup first lets pending saves finish (half a second at most), then closes itself.
  await expect.poll(() => page.closed(), { timeout: 10_000 }).toBe(true);
}

/** Extension pages open in tabs with this path, as the extension itself counts them. */
const tabsAt = (page: UserPage, path: string) =>
  page.evaluate(
    (wanted) => chrome.extension.getViews({ type: 'tab' }).filter((view) => view.location.pathname === wanted).length,
    path,
  );

/** The popup's Settings link opens the options page in a tab (runtime.openOptionsPage). */
export async function opensSettings(open: OpenPopup): Promise<void> {
  const page = await openPulse(open);
  const options = '/src/options/index.html';
  const before = await tabsAt(page, options);
  await page.clickButton('Settings');
  await expect.poll(() => tabsAt(page, options)).toBe(before + 1);
}

/**
 * The pulse scenarios, as tests of the calling file's browser: the same four in Chromium and
 * Firefox. Each starts from its own state at the pinned moment, so each runs alone and in any order.
 */
export function pulseScenarios(open: OpenPopup, setupPage: OpenPopup): void {
  const week = PULSE_WEEK;
  it('shows this week’s statements with the first point focused and nothing chosen', async () => {
    await startFrom(setupPage, PULSE_MOMENT);
    await opensOnFirstStatement(open, week);
  });
  it('answers, survives closing mid-pulse, resumes, keeps the comment draft, and finishes', async () => {
    await startFrom(setupPage, PULSE_MOMENT);
    await resumesAndFinishes(open, week);
  });
  it('reopens on the thank-you, and lets an answer change until the week closes', async () => {
    await startFrom(setupPage, PULSE_MOMENT, [finishedPulse(week)]);
    await changesAnAnswer(open, week);
  });
  it('closes with Escape', async () => {
    await startFrom(setupPage, PULSE_MOMENT);
    await closesWithEscape(open);
  });
  it('opens Settings from its link', async () => {
    await startFrom(setupPage, PULSE_MOMENT);
    await opensSettings(open);
  });
}

/** Records as an import writes them: the same, marked imported (never sent to a team from here). */
export function asImported(records: readonly PulseRecord[]): unknown[] {
  return records.map((r) => ({ ...r, importedAt: expect.any(Number) }));
}

const byWeek = (records: readonly PulseRecord[]) => [...records].sort((a, b) => a.weekId.localeCompare(b.weekId));

/** The "Export as JSON" file: an export, holding every week as stored, oldest first. */
export function expectJsonExport(text: string, records: readonly PulseRecord[]): void {
  const file = JSON.parse(text);
  expect(file).toMatchObject({ format: 'culture-pulse-export', version: 1 });
  expect(file.pulses).toEqual(byWeek(records));
}

/** The "Export as CSV" file reads back with papaparse: one row per week and statement, comment and all. */
export function expectCsvExport(csv: string, records: readonly PulseRecord[]): void {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const expected = byWeek(records).flatMap((p) =>
    p.questionIds.map((id) => {
      const answer = p.answers[id];
      return { iso_week: p.weekId, question_id: id, answer: typeof answer === 'number' ? String(answer) : '' };
    }),
  );
  expect(parsed.data.map((r) => ({ iso_week: r.iso_week, question_id: r.question_id, answer: r.answer }))).toEqual(
    expected,
  );
  for (const p of records) {
    const comments = new Set(parsed.data.filter((r) => r.iso_week === p.weekId).map((r) => r.week_comment));
    expect(comments).toEqual(new Set([p.comment]));
  }
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

/**
 * Pin the extension's development clock to read `at` now (it runs on from there), from any of its
 * pages: tests that must not depend on the real week start here, with their endpoint's `now` at `at`.
 */
export async function pinClock(page: UserPage, at: Date): Promise<void> {
  await setDevClock(page, at.getTime() - Date.now());
}

export type SharedClock = ReturnType<typeof sharedClock>;

/** The extension's development clock and the endpoint's, moved together (the endpoint reads `now`). */
export function sharedClock() {
  let offset = 0;
  return {
    get offset(): number {
      return offset;
    },
    now: (): Date => new Date(Date.now() + offset),
    async move(page: UserPage, ms: number): Promise<void> {
      offset = ms;
      await setDevClock(page, ms);
    },
  };
}

/**
 * Resolves once a team-sync run on the extension's clock `offsetMs` ahead of the real one has
 * finished with nothing left to do. Every run ends by booking the sync alarm for its next thing to
 * do; with nothing waiting that is the end of the week the clock is in, booked on the real clock
 * (alarms run on it), so the alarm there says a run at this clock has sent all it was going to.
 * Requests counted after this are all the run made: no fixed wait for "nothing more came".
 */
export async function syncRunFinished(page: UserPage, offsetMs: number): Promise<void> {
  const idle = weekEnd(weekIdOf(new Date(Date.now() + offsetMs))).getTime() - offsetMs;
  await expect
    .poll(() => page.evaluate(async () => (await chrome.alarms.get('team-sync'))?.scheduledTime ?? null, undefined), {
      timeout: 15_000,
    })
    .toBe(idle);
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
