/**
 * Weeks as a reader names them: by their Monday's day and month in the page's language, with the
 * ISO week number beside it ("Week of 16 Nov (W47)", "Woche vom 16. Nov. (KW 47)"). Never a clock
 * time: a week's figures describe the whole week.
 */
import type { WeekId } from '../core/week';
import { weekStart } from '../core/week';
import { formatDate, formatDateRange, t } from '../platform/i18n';
import { pageClock } from './page-clock';

const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** The ISO week number: 47 of "2026-W47". */
export function weekNumber(id: WeekId): number {
  return Number(id.slice(id.indexOf('W') + 1));
}

/** "30 Nov – 6 Dec": a week from its Monday to its Sunday, as the reader's language writes a range. */
export function weekRange(id: WeekId): string {
  const monday = weekStart(id);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  return formatDateRange(monday, sunday);
}

/** "30 Nov", with the year when the week is not in `thisYear`: a row of the engineer's history. */
export function weekDayOf(id: WeekId, thisYear: number): string {
  const start = weekStart(id);
  return formatDate(start, start.getFullYear() === thisYear ? DAY_MONTH : DAY_MONTH_YEAR);
}

/** "16 Nov": a week's Monday, for the axis under its point. */
export function weekDay(id: WeekId): string {
  return formatDate(weekStart(id), DAY_MONTH);
}

/** "Week of 16 Nov (W47)"; the year too when the week is not in `thisYear` (the current year). */
export function weekOf(id: WeekId, thisYear: number = pageClock.now().getFullYear()): string {
  const start = weekStart(id);
  const day = formatDate(start, start.getFullYear() === thisYear ? DAY_MONTH : DAY_MONTH_YEAR);
  return t('trends_weekOf', day, String(weekNumber(id)));
}

/** "W47": a week named beside a figure it is compared with. */
export function weekShort(id: WeekId): string {
  return t('trends_weekShort', String(weekNumber(id)));
}

/** "7 Dec": a day a reader plans around (the next release), without a clock time. */
export function dayMonth(date: Date): string {
  return formatDate(date, DAY_MONTH);
}
