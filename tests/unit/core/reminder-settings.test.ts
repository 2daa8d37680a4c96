import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER, reminderSettingsSchema, reminderStateSchema } from '../../../src/core/reminder-settings';

describe('reminderSettingsSchema', () => {
  it('defaults to a weekday afternoon and refuses weekends and impossible times', () => {
    expect(reminderSettingsSchema.parse(DEFAULT_REMINDER)).toEqual(DEFAULT_REMINDER);
    expect(DEFAULT_REMINDER.weekday).toBeLessThanOrEqual(5);
    expect(DEFAULT_REMINDER.minuteOfDay).toBeGreaterThanOrEqual(12 * 60);
    expect(reminderSettingsSchema.safeParse({ ...DEFAULT_REMINDER, weekday: 6 }).success).toBe(false);
    expect(reminderSettingsSchema.safeParse({ ...DEFAULT_REMINDER, weekday: 7 }).success).toBe(false);
    expect(reminderSettingsSchema.safeParse({ ...DEFAULT_REMINDER, minuteOfDay: 1440 }).success).toBe(false);
  });
});

describe('reminderStateSchema', () => {
  it('takes a local date or nothing', () => {
    expect(reminderStateSchema.parse({ lastShownOn: null })).toEqual({ lastShownOn: null });
    expect(reminderStateSchema.parse({ lastShownOn: '2026-11-26' })).toEqual({ lastShownOn: '2026-11-26' });
    expect(reminderStateSchema.safeParse({ lastShownOn: 3 }).success).toBe(false);
  });
});
