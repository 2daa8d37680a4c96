/** Days and times as the shown language writes them (core's describeMoment is English). */
import { formatDate } from '../platform/i18n';

/** "Monday" / "Montag": ISO weekday 1 to 7, as the reminder settings count them. */
export function weekdayName(weekday: number): string {
  // 1 January 2024 was a Monday.
  return formatDate(new Date(2024, 0, weekday), { weekday: 'long' });
}

/** "3:00 PM" / "15:00" for a minute of the day. */
export function timeOfDay(minuteOfDay: number): string {
  return formatDate(new Date(2024, 0, 1, Math.floor(minuteOfDay / 60), minuteOfDay % 60), { timeStyle: 'short' });
}

/** "Monday, March 2 at 9:05 AM" / "Montag, 2. März um 9:05". */
export function describeMoment(date: Date): string {
  return formatDate(date, { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' });
}
