import { describe, expect, it } from 'vitest';
import { CLOCK_OFFSET_KEY, clockOffsetMs, movesClock, offsetClock, readClock } from '../../../src/platform/clock';
import { fakeBrowser } from '../fake-browser';

const WEEK = 7 * 24 * 3600 * 1000;
const REAL = Date.UTC(2026, 10, 26, 12);

describe('the extension clock', () => {
  it('reads the real clock on every call, moved by its offset', () => {
    let real = REAL;
    const clock = offsetClock(WEEK, () => real);
    expect(clock.now().getTime()).toBe(REAL + WEEK);
    real += 60_000; // a lock or a request waited a minute: the clock has moved on too
    expect(clock.now().getTime()).toBe(REAL + WEEK + 60_000);
  });

  it('books alarms on the real clock, however long after reading the offset', () => {
    let real = REAL;
    const clock = offsetClock(WEEK, () => real);
    const due = new Date(REAL + WEEK + 3_600_000); // an hour from now on the test clock
    real += 30 * 60_000;
    expect(clock.alarmTime(due)).toBe(REAL + 3_600_000);
    expect(offsetClock(-WEEK).alarmTime(due)).toBe(due.getTime() + WEEK);
  });

  it('is the real clock unless an offset is stored', async () => {
    expect(await clockOffsetMs()).toBe(0);
    const due = new Date(REAL);
    expect((await readClock()).alarmTime(due)).toBe(REAL);
  });

  it('moves by the stored offset in an unpacked (development) install', async () => {
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, WEEK);
    expect(await clockOffsetMs()).toBe(WEEK);
    expect((await readClock()).alarmTime(new Date(REAL))).toBe(REAL - WEEK);
  });

  it('ignores the offset in an install from a store', async () => {
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, WEEK);
    fakeBrowser.current._state.self.installType = 'normal';
    expect(await clockOffsetMs()).toBe(0);
    expect((await readClock()).alarmTime(new Date(REAL))).toBe(REAL);
  });

  it.each([['1 week'], [1.5], [Number.NaN], [2 ** 60], [null]])('ignores a malformed offset (%s)', async (bad) => {
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, bad);
    expect(await clockOffsetMs()).toBe(0);
  });

  it('says which storage changes move it', () => {
    expect(movesClock({ [CLOCK_OFFSET_KEY]: { newValue: WEEK } }, 'local')).toBe(true);
    expect(movesClock({ [CLOCK_OFFSET_KEY]: { newValue: WEEK } }, 'sync')).toBe(false);
    expect(movesClock({ reminderSettings: {} }, 'local')).toBe(false);
  });
});
