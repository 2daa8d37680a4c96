/**
 * Applies the reminder rules of core/reminder to the browser: shows the reminder (the badge) when
 * due, clears it when the pulse is done or the week is over, and keeps one alarm for the next
 * wake-up. Idempotent, so it can run at every start, alarm and message.
 */
import { isBadgeOn, isReminderDue, localDate, nextWakeUp, reminderMomentOfWeek } from '../core/reminder';
import { weekIdOf } from '../core/week';
import { browser } from '../platform/browser';
import type { ReminderStatus } from '../platform/messages';
import { loadReminderSettings, loadReminderState, saveReminderState } from '../platform/settings';
import { openPulseDb } from '../storage/db';
import { readPulse } from '../storage/pulses';

export const REMINDER_ALARM = 'weekly-reminder';

async function isThisWeekDone(now: Date): Promise<boolean> {
  const db = await openPulseDb();
  try {
    const { value } = await readPulse(db, weekIdOf(now), now);
    return value?.completed ?? false;
  } finally {
    db.close();
  }
}

export async function refreshReminder(now: Date): Promise<ReminderStatus> {
  const [{ value: settings }, state, pulseDone] = await Promise.all([
    loadReminderSettings(),
    loadReminderState(),
    isThisWeekDone(now),
  ]);
  let current = state;
  if (isReminderDue({ now, settings, state, pulseDone })) {
    current = { lastShownOn: localDate(now) };
    await saveReminderState(current);
  }
  const badgeOn = isBadgeOn({ now, settings, state: current, pulseDone });
  await showBadge(badgeOn);
  const wakeUp = nextWakeUp({ now, settings });
  await scheduleAlarm(wakeUp);
  return {
    enabled: settings.enabled,
    nextWakeUpAt: wakeUp?.getTime() ?? null,
    reminderAt: reminderMomentOfWeek(now, settings).getTime(),
    badgeOn,
  };
}

async function showBadge(on: boolean): Promise<void> {
  await browser.action.setBadgeText({ text: on ? '1' : '' });
  if (on) await browser.action.setBadgeBackgroundColor({ color: '#1f5fbf' });
  await browser.action.setTitle({ title: on ? 'Culture Pulse: this week’s pulse is waiting' : 'Culture Pulse' });
}

/** One alarm at the next wake-up; left alone when it is already set for that moment. */
async function scheduleAlarm(at: Date | null): Promise<void> {
  const existing = await browser.alarms.get(REMINDER_ALARM);
  if (at === null) {
    if (existing) await browser.alarms.clear(REMINDER_ALARM);
    return;
  }
  if (existing?.scheduledTime === at.getTime()) return;
  browser.alarms.create(REMINDER_ALARM, { when: at.getTime() });
}
