import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BADGE_COLOR, REMINDER_ALARM, refreshReminder, reminderNow } from '../../../src/background/reminder';
import { newPulseRecord, withCompleted } from '../../../src/core/pulse-edit';
import { pulseForWeek } from '../../../src/core/rotation';
import { allowNotifications } from '../../../src/platform/notifications';
import { saveReminderSettings } from '../../../src/platform/settings';
import { openPulseDb } from '../../../src/storage/db';
import { updatePulse } from '../../../src/storage/pulses';
import { fakeBrowser } from '../fake-browser';
import { pinnedClock } from '../pinned-clock';

// Week 2026-W48: Monday 23 to Sunday 29 November. The default reminder is Thursday 15:00.
const at = (day: number, hour: number) => new Date(2026, 10, day, hour);

async function finishPulse(now: Date) {
  const db = await openPulseDb();
  const create = () => newPulseRecord(pulseForWeek('2026-W48'));
  await updatePulse(db, '2026-W48', create, (r) => withCompleted(r, true, now), now);
  db.close();
}

describe('refreshReminder', () => {
  it('before the moment: no badge, one alarm at the moment', async () => {
    const status = await refreshReminder(pinnedClock(at(24, 10)));
    expect(status).toMatchObject({ enabled: true, badgeOn: false, nextWakeUpAt: at(26, 15).getTime() });
    expect(fakeBrowser.current._state.alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(at(26, 15).getTime());
    expect(fakeBrowser.current._state.badge.text).toBe('');
  });

  it('at the moment: shows the badge once, remembers the day, then wakes next Monday', async () => {
    const status = await refreshReminder(pinnedClock(at(26, 15)));
    expect(status.badgeOn).toBe(true);
    expect(fakeBrowser.current._state.badge.text).toBe('1');
    // Not the icon's own blue: a colour that stands out beside it.
    expect(fakeBrowser.current._state.badge.color).toBe(BADGE_COLOR);
    expect(BADGE_COLOR).not.toBe('#1f5fbf');
    expect(fakeBrowser.current._state.local.get('reminderState')).toEqual({ lastShownOn: '2026-11-26' });
    expect(fakeBrowser.current._state.alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(at(30, 0).getTime());
  });

  it('shows a system notification with the badge, once, when switched on', async () => {
    await allowNotifications();
    await refreshReminder(pinnedClock(at(26, 14)));
    expect(fakeBrowser.current._state.notifications.size).toBe(0); // not before the moment
    await refreshReminder(pinnedClock(at(26, 15)));
    await refreshReminder(pinnedClock(at(26, 16)));
    expect(fakeBrowser.current._state.log.filter((e) => e === 'notifications.create')).toHaveLength(1);
  });

  it('clears the badge when the pulse is done', async () => {
    await refreshReminder(pinnedClock(at(26, 15)));
    await finishPulse(at(26, 16));
    expect((await refreshReminder(pinnedClock(at(26, 16)))).badgeOn).toBe(false);
    expect(fakeBrowser.current._state.badge.text).toBe('');
  });

  it('keeps the badge over the weekend once shown, and clears it when the week is over', async () => {
    await refreshReminder(pinnedClock(at(26, 15)));
    expect((await refreshReminder(pinnedClock(at(28, 11)))).badgeOn).toBe(true);
    expect((await refreshReminder(pinnedClock(at(30, 0)))).badgeOn).toBe(false);
  });

  it('shows nothing on a first wake-up at the weekend, even after the moment passed', async () => {
    const status = await refreshReminder(pinnedClock(at(28, 11)));
    expect(status.badgeOn).toBe(false);
    expect(fakeBrowser.current._state.badge.text).toBe('');
    expect(fakeBrowser.current._state.local.has('reminderState')).toBe(false);
  });

  it('still books the next wake-up when this week’s pulse cannot be read', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A newer version of the extension upgraded the database: ours cannot open it.
    const newer = await openDB('culture-pulse', 99);
    newer.close();
    const status = await refreshReminder(pinnedClock(at(24, 10)));
    expect(status.nextWakeUpAt).toBe(at(26, 15).getTime());
    expect(fakeBrowser.current._state.alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(at(26, 15).getTime());
  });

  it('runs one refresh at a time, so the last settings saved win', async () => {
    const { handlers } = await import('../../../src/background/handlers');
    await Promise.all([
      handlers['save-reminder-settings']({ enabled: true, weekday: 1, minuteOfDay: 600 }),
      handlers['save-reminder-settings']({ enabled: true, weekday: 5, minuteOfDay: 1000 }),
    ]);
    const expected = new Date(2026, 10, 27, 16, 40).getTime();
    const status = await refreshReminder(pinnedClock(at(24, 10)));
    expect(status.nextWakeUpAt).toBe(expected);
    expect(fakeBrowser.current._state.alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(expected);
  });

  it('turned off: no alarm and no badge', async () => {
    await refreshReminder(pinnedClock(at(26, 15)));
    await saveReminderSettings({ enabled: false, weekday: 4, minuteOfDay: 900 });
    const status = await refreshReminder(pinnedClock(at(26, 16)));
    expect(status).toMatchObject({ enabled: false, badgeOn: false, nextWakeUpAt: null });
    expect(fakeBrowser.current._state.alarms.size).toBe(0);
  });

  describe('at a development install’s test clock', () => {
    // The real clock pinned at Monday 10:00 of the week before; the test clock is moved from there.
    const real = at(16, 10).getTime();
    afterEach(() => vi.useRealTimers());

    it('follows it, booking the alarm on the real clock', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: real });
      const offset = at(26, 15).getTime() - real; // the test clock reads Thursday 15:00: due
      fakeBrowser.current._state.local.set('devClockOffsetMs', offset);
      const status = await reminderNow();
      expect(status.badgeOn).toBe(true);
      expect(status.nextWakeUpAt).toBe(at(30, 0).getTime());
      // Next Monday on the test clock, on the real clock: as far off from now as on the test clock.
      expect(fakeBrowser.current._state.alarms.get(REMINDER_ALARM)?.scheduledTime).toBe(at(30, 0).getTime() - offset);
    });

    it('ignores it in an install from a store', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: real });
      fakeBrowser.current._state.local.set('devClockOffsetMs', at(26, 15).getTime() - real);
      fakeBrowser.current._state.self.installType = 'normal';
      // The real week's reminder moment (Thursday 19 November 15:00), not the test clock's.
      expect((await reminderNow()).reminderAt).toBe(at(19, 15).getTime());
      fakeBrowser.current._state.self.installType = 'development';
      expect((await reminderNow()).reminderAt).toBe(at(26, 15).getTime());
    });
  });
});
