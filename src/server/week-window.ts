/**
 * When a team's week may receive submissions and when its figures are released. A device sends a
 * week once it has closed in the engineer's own time zone (up to 14 hours ahead of UTC), at a random
 * moment in the days after. The week collects until the last time zone (12 hours behind UTC) has
 * had `collectionDays` days to send; then its figures are released once and never change, so
 * comparing two releases can never single out one late answer. The server keeps weeks in UTC.
 */
import { addWeeksToId, type WeekId, weekEnd, weekIdOf } from '../core/week';

const HOUR = 3_600_000;
export const EARLIEST_ZONE_HOURS = 14;
export const LATEST_ZONE_HOURS = 12;

export type WeekStatus =
  | { kind: 'open'; closesAt: Date }
  | { kind: 'collecting'; releasedAt: Date }
  | { kind: 'released'; releasedAt: Date };

/** When the clock releases a week: once the last time zone has had `collectionDays` days to send. */
export function releaseMoment(weekId: WeekId, collectionDays: number): Date {
  return new Date(weekEnd(weekId).getTime() + LATEST_ZONE_HOURS * HOUR + collectionDays * 24 * HOUR);
}

export function weekStatus(weekId: WeekId, now: Date, collectionDays: number): WeekStatus {
  const closesAt = new Date(weekEnd(weekId).getTime() - EARLIEST_ZONE_HOURS * HOUR);
  const releasedAt = releaseMoment(weekId, collectionDays);
  if (now < closesAt) return { kind: 'open', closesAt };
  if (now < releasedAt) return { kind: 'collecting', releasedAt };
  return { kind: 'released', releasedAt };
}

/**
 * Where the release calendar stands: the newest week the clock has released, and the next
 * release (its week and moment). From the clock alone: it says nothing about who has answered.
 */
export function releaseCalendar(
  now: Date,
  collectionDays: number,
): { lastReleased: WeekId; next: { weekId: WeekId; at: Date } } {
  // The current week is never released; the newest released one is at most three weeks back.
  let next = weekIdOf(now);
  while (releaseMoment(addWeeksToId(next, -1), collectionDays) > now) next = addWeeksToId(next, -1);
  return { lastReleased: addWeeksToId(next, -1), next: { weekId: next, at: releaseMoment(next, collectionDays) } };
}

/** The clock the memo below is for, and what it found: an export asks about the same weeks for every team. */
let memo: { now: number; collectionDays: number; released: Map<WeekId, boolean> } | undefined;

/** weekStatus(…).kind === 'released', remembered for the latest clock asked about. */
export function isReleased(weekId: WeekId, now: Date, collectionDays: number): boolean {
  if (memo?.now !== now.getTime() || memo.collectionDays !== collectionDays) {
    memo = { now: now.getTime(), collectionDays, released: new Map() };
  }
  let released = memo.released.get(weekId);
  if (released === undefined) {
    released = weekStatus(weekId, now, collectionDays).kind === 'released';
    if (memo.released.size >= 10_000) memo.released.clear();
    memo.released.set(weekId, released);
  }
  return released;
}
