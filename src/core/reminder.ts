/**
 * The weekly reminder, as pure functions of the clock. A reminder shows at most once a week (so at
 * most once a day), at the weekday and time the engineer chose, never on Saturday or Sunday, and
 * only while this week's pulse is still open. If the browser was closed at that moment, it shows
 * at the next weekday wake-up of the same week. The badge stays while the pulse is open.
 */
import { addDays, format, getISODay, set } from 'date-fns';
import type { ReminderSettings, ReminderState } from './reminder-settings';
import { weekEnd, weekIdOf, weekStart } from './week';

/** The moment this week's reminder is due: the chosen weekday and time of the week holding `now`. */
export function reminderMomentOfWeek(now: Date, settings: ReminderSettings): Date {
  const monday = weekStart(weekIdOf(now));
  // Wall-clock time, not elapsed minutes: on a day the clocks change, 15:00 is still 15:00.
  const hours = Math.floor(settings.minuteOfDay / 60);
  return set(addDays(monday, settings.weekday - 1), { hours, minutes: settings.minuteOfDay % 60 });
}

export function localDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

function isWeekend(date: Date): boolean {
  return getISODay(date) >= 6;
}

function shownThisWeek(now: Date, state: ReminderState): boolean {
  if (!state.lastShownOn) return false;
  const [y, m, d] = state.lastShownOn.split('-').map(Number);
  if (!y || !m || !d) return false;
  return weekIdOf(new Date(y, m - 1, d)) === weekIdOf(now);
}

export interface ReminderInputs {
  readonly now: Date;
  readonly settings: ReminderSettings;
  readonly state: ReminderState;
  /** Whether this week's pulse is finished. */
  readonly pulseDone: boolean;
}

/** Whether a reminder should show right now. */
export function isReminderDue({ now, settings, state, pulseDone }: ReminderInputs): boolean {
  if (!settings.enabled || pulseDone || isWeekend(now)) return false;
  if (state.lastShownOn === localDate(now) || shownThisWeek(now, state)) return false;
  return now.getTime() >= reminderMomentOfWeek(now, settings).getTime();
}

/** Whether the toolbar badge should be on: a reminder showed this week and the pulse is still open. */
export function isBadgeOn({ now, settings, state, pulseDone }: ReminderInputs): boolean {
  return settings.enabled && !pulseDone && shownThisWeek(now, state);
}

/**
 * When the background should next wake up: this week's reminder moment if still ahead, otherwise
 * the start of next week (to clear the badge and plan the next reminder). Null when turned off.
 */
export function nextWakeUp({ now, settings }: Pick<ReminderInputs, 'now' | 'settings'>): Date | null {
  if (!settings.enabled) return null;
  const moment = reminderMomentOfWeek(now, settings);
  if (moment.getTime() > now.getTime()) return moment;
  return weekEnd(weekIdOf(now));
}
