import { describe, expect, it } from 'vitest';
import { isBadgeOn, isReminderDue, localDate, nextWakeUp, reminderMomentOfWeek } from '../../../src/core/reminder';
import type { ReminderSettings, ReminderState } from '../../../src/core/reminder-settings';

const thursday15: ReminderSettings = { enabled: true, weekday: 4, minuteOfDay: 15 * 60 };
const never: ReminderState = { lastShownOn: null };
// Week 2026-W48 runs Monday 23 November to Sunday 29 November.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute);

describe('reminderMomentOfWeek', () => {
  it('is the chosen weekday and time of the current week', () => {
    expect(reminderMomentOfWeek(at(23, 9), thursday15)).toEqual(at(26, 15));
    expect(reminderMomentOfWeek(at(29, 23), thursday15)).toEqual(at(26, 15));
  });
});

describe('reminderMomentOfWeek across a change of clocks', () => {
  it('keeps the wall-clock time on a weekday when the clocks change (Jerusalem, Friday 2026-03-27)', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Jerusalem';
    try {
      const friday15: ReminderSettings = { enabled: true, weekday: 5, minuteOfDay: 15 * 60 };
      const moment = reminderMomentOfWeek(new Date(2026, 2, 24, 12), friday15);
      expect([moment.getDate(), moment.getHours(), moment.getMinutes()]).toEqual([27, 15, 0]);
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('isReminderDue', () => {
  const due = (now: Date, state = never, pulseDone = false, settings = thursday15) =>
    isReminderDue({ now, settings, state, pulseDone });

  it('is due from the chosen moment while the pulse is open', () => {
    expect(due(at(26, 14, 59))).toBe(false);
    expect(due(at(26, 15))).toBe(true);
    expect(due(at(27, 9))).toBe(true);
  });

  it('is never due on Saturday or Sunday, when turned off, or once the pulse is done', () => {
    expect(due(at(28, 10))).toBe(false);
    expect(due(at(29, 18))).toBe(false);
    expect(due(at(26, 16), never, false, { ...thursday15, enabled: false })).toBe(false);
    expect(due(at(26, 16), never, true)).toBe(false);
  });

  it('shows at most once a day and once a week', () => {
    expect(due(at(26, 16), { lastShownOn: '2026-11-26' })).toBe(false);
    expect(due(at(27, 16), { lastShownOn: '2026-11-26' })).toBe(false);
    // Last week's reminder does not stop this week's.
    expect(due(at(26, 16), { lastShownOn: '2026-11-19' })).toBe(true);
  });

  it('shows when the browser starts after the moment, if still a weekday of that week', () => {
    expect(due(at(27, 8, 30))).toBe(true);
  });
});

describe('isBadgeOn', () => {
  it('is on after this week’s reminder while the pulse is open, off otherwise', () => {
    const shown = { lastShownOn: '2026-11-26' };
    expect(isBadgeOn({ now: at(27, 9), settings: thursday15, state: shown, pulseDone: false })).toBe(true);
    expect(isBadgeOn({ now: at(27, 9), settings: thursday15, state: shown, pulseDone: true })).toBe(false);
    expect(isBadgeOn({ now: at(30, 9), settings: thursday15, state: shown, pulseDone: false })).toBe(false);
    expect(
      isBadgeOn({ now: at(27, 9), settings: { ...thursday15, enabled: false }, state: shown, pulseDone: false }),
    ).toBe(false);
  });
});

describe('nextWakeUp', () => {
  it('wakes at this week’s moment if ahead, otherwise at the start of next week', () => {
    expect(nextWakeUp({ now: at(23, 9), settings: thursday15 })).toEqual(at(26, 15));
    expect(nextWakeUp({ now: at(26, 15), settings: thursday15 })).toEqual(at(30, 0));
    expect(nextWakeUp({ now: at(29, 23), settings: thursday15 })).toEqual(at(30, 0));
    expect(nextWakeUp({ now: at(23, 9), settings: { ...thursday15, enabled: false } })).toBeNull();
  });

  it('formats local dates for the once-a-day check', () => {
    expect(localDate(at(26, 23, 59))).toBe('2026-11-26');
  });
});
