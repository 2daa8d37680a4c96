/**
 * Faults caused for real in the built extension, written once for both browsers: the browser
 * killed (SIGKILL, not a polite close) while the popup is answering, and two windows answering the
 * same week at once. Each ends with IndexedDB read record by record.
 */
import { expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import type { PulseRecord } from '../../src/core/schemas';
import type { WeekId } from '../../src/core/week';
import { readStoreInPage, type StoreName } from './idb';
import type { SmallDisk } from './small-disk';
import { type OpenPopup, PULSE_MOMENT, PULSE_WEEK, readPulses, startFrom, type UserPage } from './steps';

export interface FaultDriver {
  /** Opens the popup. */
  open: OpenPopup;
  /** Opens a page that writes no pulses (the options page), for setting up and reading. */
  setupPage: OpenPopup;
  /** SIGKILL the browser's main process, wait for it to be gone, and start it again on the same profile. */
  killAndRestart(): Promise<void>;
}

const ids = pulseForWeek(PULSE_WEEK).questions.map((q) => q.id);
const [q1 = '', q2 = '', q3 = ''] = ids;

/**
 * The popup's heading for each week these scenarios see, as the browsers (English) write it; the
 * browsers' spaces (narrow, thin, no-break) are read as plain ones.
 */
const HEADINGS: Record<string, string> = {
  '2026-W43': 'This week · Oct 19 \u2013\u2060 25',
  '2026-W44': 'This week · Oct 26 \u2013\u2060 Nov 1',
  '2026-W48': 'This week · Nov 23 \u2013\u2060 29',
};
const showsWeek = (page: UserPage, week: WeekId) =>
  expect.poll(async () => (await page.text('h1')).replace(/\s/g, ' ')).toBe(HEADINGS[week]);

async function openPulse(open: OpenPopup): Promise<UserPage> {
  const page = await open();
  await showsWeek(page, PULSE_WEEK);
  // Loaded: what the week has stored (and the statement to resume at) is on screen, so an answer
  // given in another window after this moment cannot move this one on.
  await page.waitFor('[aria-live][aria-busy="false"]');
  return page;
}

const progress = (page: UserPage) => page.text('#progress');
const store = (page: UserPage, name: StoreName) => page.evaluate(readStoreInPage, name);

/** The week's record with these answers, not finished, no comment: the only shape a partial pulse may have. */
function partial(answers: PulseRecord['answers']): PulseRecord {
  return partialOf(PULSE_WEEK, answers);
}

function partialOf(weekId: WeekId, answers: PulseRecord['answers']): PulseRecord {
  return {
    weekId,
    bankVersion: 1,
    questionIds: pulseForWeek(weekId).questions.map((q) => q.id),
    answers,
    comment: '',
    completed: false,
    updatedAt: expect.any(Number) as unknown as number,
  };
}

/**
 * Two answers saved (IndexedDB acknowledged them), a third chosen and the browser killed at once:
 * after the restart the saved answers are there, the third is there whole or not at all, nothing
 * was set aside as unreadable, and the popup resumes where the stored record says.
 */
export async function killedWhileAnswering(driver: FaultDriver): Promise<void> {
  await startFrom(driver.setupPage, PULSE_MOMENT);
  const page = await openPulse(driver.open);
  await page.press('4');
  await page.press('Enter');
  await expect.poll(() => progress(page)).toBe('Statement 2 of 4');
  await page.press('2');
  await page.press('Enter');
  await expect.poll(() => progress(page)).toBe('Statement 3 of 4');
  await expect.poll(() => readPulses(page)).toEqual([partial({ [q1]: 4, [q2]: 2 })]);
  const acknowledged = await readPulses(page);
  await page.press('5'); // chosen, and the browser killed before anything else happens
  await driver.killAndRestart();

  const reader = await driver.setupPage();
  await reader.waitFor('h1');
  const [after, ...others] = await readPulses(reader);
  expect(others).toEqual([]);
  expect(await store(reader, 'unreadable')).toEqual([]);
  const third = after?.answers[q3];
  if (third === undefined) expect(after).toEqual(acknowledged[0]);
  else expect(after).toEqual(partial({ [q1]: 4, [q2]: 2, [q3]: 5 }));
  await reader.close();

  // The popup resumes after the last answer IndexedDB holds, or at the draft's if its copy survived.
  const again = await openPulse(driver.open);
  await expect.poll(() => progress(again)).toMatch(/^Statement [34] of 4$/);
  const resumed = await progress(again);
  const stored = (await readPulses(again))[0];
  expect(resumed).toBe(stored?.answers[q3] === 5 ? 'Statement 4 of 4' : 'Statement 3 of 4');
  await again.close();
}

/**
 * Two popups open on the same week, each answering a different statement and then the same one:
 * neither answer is lost to the other window's older copy, and the last choice wins.
 */
export async function twoWindowsAnswering(driver: FaultDriver): Promise<void> {
  await startFrom(driver.setupPage, PULSE_MOMENT);
  const first = await openPulse(driver.open);
  const second = await openPulse(driver.open);
  // Both show statement 1, with nothing chosen. The first answers statements 1 and 2.
  await first.press('4');
  await first.press('Enter');
  await expect.poll(() => progress(first)).toBe('Statement 2 of 4');
  await first.press('2');
  await expect.poll(() => readPulses(first)).toEqual([partial({ [q1]: 4, [q2]: 2 })]);
  // The second, opened before either answer, now answers statement 1 otherwise, and goes on to 4.
  await second.press('1');
  await expect.poll(() => readPulses(second)).toEqual([partial({ [q1]: 1, [q2]: 2 })]);
  // At the same moment: the first answers statement 3, the second changes statement 1 again.
  await first.press('Enter');
  await expect.poll(() => progress(first)).toBe('Statement 3 of 4');
  await Promise.all([first.press('5'), second.press('2')]);
  await expect.poll(() => readPulses(first)).toEqual([partial({ [q1]: 2, [q2]: 2, [q3]: 5 })]);
  expect(await store(first, 'unreadable')).toEqual([]);
  await first.close();
  await second.close();
}

/** The answers the week's stored record holds ({} when there is none). */
async function storedAnswers(page: UserPage): Promise<Record<string, unknown>> {
  return (await readPulses(page))[0]?.answers ?? {};
}

/**
 * The disk the profile lives on fills up while answering: the popup says the browser has no room,
 * nothing is half-written (the stored record is exactly the one before the refused write, nothing
 * set aside), and once there is room the answer chosen while full is saved at the next open.
 */
export async function diskFullWhileAnswering(driver: Omit<FaultDriver, 'killAndRestart'> & { disk: SmallDisk }) {
  await startFrom(driver.setupPage, PULSE_MOMENT);
  const popup = await driver.open();
  await expect.poll(() => popup.text('#progress')).toBe('Statement 1 of 4');
  driver.disk.fill();
  // A write may still fit in room the database already holds (Firefox's log keeps some ahead):
  // answer statement after statement, then change the last answer back and forth, until the disk
  // refuses a write; each accepted one is stored whole.
  const accepted: Record<string, number> = {};
  let refused: { id: string; value: number; stored: unknown[] } | undefined;
  for (let n = 0; n < 60 && !refused; n++) {
    const id = ids[Math.min(n, ids.length - 1)] ?? '';
    const value = n < ids.length ? 3 : 4 - (n % 2); // a new value each time, so every press writes
    const before = await readPulses(popup);
    await popup.press(String(value));
    await expect
      .poll(async () => (await popup.text('[role=alert]')) !== '' || (await storedAnswers(popup))[id] === value)
      .toBe(true);
    if ((await popup.text('[role=alert]')) !== '') refused = { id, value, stored: before };
    else {
      accepted[id] = value;
      if (n < ids.length - 1) await popup.press('Enter');
    }
  }
  expect(refused, 'the full disk refused no write').toBeDefined();
  expect(await popup.text('[role=alert]')).toBe(
    'Not saved. The browser has no room left to save this. Free some disk space and try again.',
  );
  await popup.close();

  // Room again. Nothing half-written: what is stored is exactly what was there before the
  // refused write (read from the options page, which saves no drafts).
  driver.disk.free();
  const reader = await driver.setupPage();
  await reader.waitFor('h1');
  expect(await readPulses(reader)).toEqual(refused?.stored);
  expect(await reader.evaluate(readStoreInPage, 'unreadable' as const)).toEqual([]);
  await reader.close();
  // The answer chosen while the disk was full was kept, and the next open saves it.
  const again = await driver.open();
  await expect.poll(() => storedAnswers(again)).toEqual({ ...accepted, [refused?.id ?? '']: refused?.value });
  await again.close();
}

/**
 * The clock across a week boundary on the night daylight saving time ends (Europe/Berlin: Sunday
 * 25 October 2026 has 25 hours), then back into the repeated hour, then forward again. Needs the
 * browser in Europe/Berlin (TZ in the environment). The open popup closes its week at Monday
 * 00:00 CET; a late answer is refused and says why; the old week, open again on a clock moved
 * back, keeps what it had and takes a new answer; each week ends with exactly its own answers.
 */
export async function clockAcrossWeekAndDst(driver: Pick<FaultDriver, 'open' | 'setupPage'>): Promise<void> {
  const w43 = pulseForWeek('2026-W43').questions.map((q) => q.id);
  const w44 = pulseForWeek('2026-W44').questions.map((q) => q.id);
  // 23:59:50 CET on the Sunday: ten seconds before the week closes, on the extension's clock.
  await startFrom(driver.setupPage, new Date(Date.UTC(2026, 9, 25, 22, 59, 50)));
  const page = await driver.open();
  await showsWeek(page, '2026-W43');
  await page.press('4');
  await expect.poll(async () => (await readPulses(page))[0]?.answers).toEqual({ [w43[0] ?? '']: 4 });
  await page.press('Enter');
  // Midnight passes while the popup is open: it says the week closed, and refuses a late answer.
  await expect
    .poll(() => page.text('[role=alert]'), { timeout: 30_000 })
    .toMatch(/^Week 2026-W43 closed at Sunday midnight/);
  await page.press('2');
  await expect.poll(async () => (await readPulses(page))[0]?.answers).toEqual({ [w43[0] ?? '']: 4 });
  await page.clickButton('Open this week');
  await showsWeek(page, '2026-W44');
  await page.press('5');
  await expect.poll(() => readPulses(page)).toHaveLength(2);
  await page.close();

  // Back into the repeated hour (02:30 CET, after 02:30 CEST): W43 is open again, as it was left.
  await moveClock(driver.setupPage, new Date(Date.UTC(2026, 9, 25, 1, 30)));
  const back = await driver.open();
  await showsWeek(back, '2026-W43');
  await expect.poll(() => progress(back)).toBe('Statement 2 of 4');
  await back.press('2');
  await expect
    .poll(async () => (await readPulses(back)).find((r) => r.weekId === '2026-W43')?.answers)
    .toEqual({ [w43[0] ?? '']: 4, [w43[1] ?? '']: 2 });
  await back.close();

  // Forward again, past Monday 00:00 CET: W44 as it was left.
  await moveClock(driver.setupPage, new Date(Date.UTC(2026, 9, 25, 23, 0, 30)));
  const forward = await driver.open();
  await showsWeek(forward, '2026-W44');
  await expect.poll(() => progress(forward)).toBe('Statement 2 of 4');
  const stored = [...(await readPulses(forward))].sort((a, b) => a.weekId.localeCompare(b.weekId));
  expect(stored).toEqual([
    { ...partialOf('2026-W43', { [w43[0] ?? '']: 4, [w43[1] ?? '']: 2 }) },
    { ...partialOf('2026-W44', { [w44[0] ?? '']: 5 }) },
  ]);
  expect(await store(forward, 'unreadable')).toEqual([]);
  await forward.close();
}

/** Move the extension's development clock to read `at`, from a page that writes no pulses. */
async function moveClock(setupPage: OpenPopup, at: Date): Promise<void> {
  const page = await setupPage();
  await page.waitFor('h1');
  await page.evaluate((value) => chrome.storage.local.set({ devClockOffsetMs: value - Date.now() }), at.getTime());
  await page.close();
}

export function faultScenarios(driver: () => FaultDriver): void {
  it('keeps every acknowledged answer, and none half-written, when the browser is killed while answering', () =>
    killedWhileAnswering(driver()));
  it('loses no answer when two windows answer the same week at once', () => twoWindowsAnswering(driver()));
}
