/**
 * Applies the reminder rules of core/reminder to the browser: shows the reminder (the badge) when
 * due, clears it when the pulse is done or the week is over, and keeps one alarm for the next
 * wake-up. Idempotent, so it can run at every start, alarm and message.
 */
import { isBadgeOn, isReminderDue, localDate, nextWakeUp, reminderMomentOfWeek } from '../core/reminder';
import { weekIdOf } from '../core/week';
import { browser } from '../platform/browser';
import { type Clock, readClock } from '../platform/clock';
import { t } from '../platform/i18n';
import type { ReminderStatus } from '../platform/messages';
import { loadReminderSettings, loadReminderState, saveReminderState } from '../platform/settings';
import { openPulseDb } from '../storage/db';
import { readPulse } from '../storage/pulses';
import { notifyPulseWaiting } from './notification';

export const REMINDER_ALARM = 'weekly-reminder';

/** Whether this week's pulse is done; unreadable storage counts as not done (a reminder too many beats none). */
async function isThisWeekDone(now: Date): Promise<boolean> {
  try {
    const db = await openPulseDb();
    try {
      const { value } = await readPulse(db, weekIdOf(now), now);
      return value?.completed ?? false;
    } finally {
      db.close();
    }
  } catch (error) {
    console.error('Culture Pulse: could not read this week’s pulse for the reminder.', error);
    return false;
  }
}

/**
 * Runs one refresh at a time: two at once (an alarm and a message, or two quick setting changes)
 * could otherwise finish in the wrong order and leave a stale alarm or badge. The Web Locks API
 * queues across the worker's whole life, and holds nothing once the worker stops.
 */
export async function refreshReminder(clock: Clock): Promise<ReminderStatus> {
  // The clock is read once the lock is held: a refresh that waited acts at the time it runs.
  return await navigator.locks.request('culture-pulse-reminder', () => refresh(clock));
}

async function refresh(clock: Clock): Promise<ReminderStatus> {
  const now = clock.now();
  const { value: settings } = await loadReminderSettings();
  // The alarm first: whatever fails below, the next wake-up is already booked.
  const wakeUp = nextWakeUp({ now, settings });
  await scheduleAlarm(wakeUp && clock.alarmTime(wakeUp));
  const [state, pulseDone] = await Promise.all([loadReminderState(), isThisWeekDone(now)]);
  let current = state;
  if (isReminderDue({ now, settings, state, pulseDone })) {
    current = { lastShownOn: localDate(now) };
    await saveReminderState(current);
    // Once, as the badge first shows: only for engineers who switched notifications on.
    await notifyPulseWaiting(weekIdOf(now));
  }
  const badgeOn = isBadgeOn({ now, settings, state: current, pulseDone });
  await showBadge(badgeOn);
  return {
    enabled: settings.enabled,
    nextWakeUpAt: wakeUp?.getTime() ?? null,
    reminderAt: reminderMomentOfWeek(now, settings).getTime(),
    badgeOn,
  };
}

/**
 * The badge's colour: an orange-red that stands out against the icon's own blue (the blue badge
 * was easy to miss), with white text at 5:1.
 */
export const BADGE_COLOR = '#c2410c';
export const BADGE_TEXT_COLOR = '#ffffff';

async function showBadge(on: boolean): Promise<void> {
  await browser.action.setBadgeText({ text: on ? '1' : '' });
  if (on) {
    await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
    // Firefox picks black or white text by itself unless told; Chrome has it since 110.
    await browser.action.setBadgeTextColor?.({ color: BADGE_TEXT_COLOR });
  }
  await browser.action.setTitle({ title: on ? t('bg_pulseWaiting') : t('extName') });
}

/** The reminder at the extension's clock: the real one, or a development install's test clock. */
export async function reminderNow(): Promise<ReminderStatus> {
  return refreshReminder(await readClock());
}

/** One alarm at the next wake-up (`when`, on the real clock); left alone when it is already set for that moment. */
async function scheduleAlarm(when: number | null): Promise<void> {
  const existing = await browser.alarms.get(REMINDER_ALARM);
  if (when === null) {
    if (existing) await browser.alarms.clear(REMINDER_ALARM);
    return;
  }
  if (existing?.scheduledTime === when) return;
  await browser.alarms.create(REMINDER_ALARM, { when });
}
