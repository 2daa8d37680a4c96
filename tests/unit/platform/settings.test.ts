import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER } from '../../../src/core/reminder-settings';
import {
  loadReminderSettings,
  loadReminderState,
  saveReminderSettings,
  saveReminderState,
} from '../../../src/platform/settings';
import { fakeBrowser } from '../fake-browser';
import { refusalAt } from '../schema-refusal';

describe('reminder settings in storage.local', () => {
  it('defaults when nothing is stored, and reads back what was saved', async () => {
    expect(await loadReminderSettings()).toEqual({ value: DEFAULT_REMINDER });
    const mine = { enabled: false, weekday: 2 as const, minuteOfDay: 9 * 60 + 30 };
    await saveReminderSettings(mine);
    expect(await loadReminderSettings()).toEqual({ value: mine });
  });

  it('falls back to defaults with a reported problem when the stored value is damaged, keeping it', async () => {
    fakeBrowser.current._state.local.set('reminderSettings', { enabled: 'sometimes' });
    const loaded = await loadReminderSettings();
    expect(loaded.value).toEqual(DEFAULT_REMINDER);
    expect(loaded.problem).toMatch(/could not be read/);
    expect(fakeBrowser.current._state.local.get('reminderSettings')).toEqual({ enabled: 'sometimes' });
  });

  it('refuses to save invalid settings', async () => {
    await expect(saveReminderSettings({ ...DEFAULT_REMINDER, minuteOfDay: -1 })).rejects.toEqual(
      refusalAt(['minuteOfDay'], 'too_small'),
    );
    await expect(saveReminderSettings({ ...DEFAULT_REMINDER, minuteOfDay: 24 * 60 })).rejects.toEqual(
      refusalAt(['minuteOfDay'], 'too_big'),
    );
    expect(fakeBrowser.current._state.local.has('reminderSettings')).toBe(false);
  });

  it('keeps the reminder bookkeeping', async () => {
    expect(await loadReminderState()).toEqual({ lastShownOn: null });
    await saveReminderState({ lastShownOn: '2026-11-26' });
    expect(await loadReminderState()).toEqual({ lastShownOn: '2026-11-26' });
  });
});
