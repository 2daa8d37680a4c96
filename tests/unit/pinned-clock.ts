import type { Clock } from '../../src/platform/clock';

/**
 * The extension's clock stopped at `at`, as if the real clock read `at`: every read gives the same
 * moment, and alarms are booked at the moment itself.
 */
export function pinnedClock(at: Date): Clock {
  return { now: () => new Date(at), alarmTime: (moment) => moment.getTime() };
}
