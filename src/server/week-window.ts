/**
 * When a team's week may receive submissions and when its figures are released. A device sends a
 * week once it has closed in the engineer's own time zone (up to 14 hours ahead of UTC), at a random
 * moment in the days after. The week collects until the last time zone (12 hours behind UTC) has
 * had `collectionDays` days to send; then its figures are released once and never change, so
 * comparing two releases can never single out one late answer. The server keeps weeks in UTC.
 */
import type { WeekId } from '../core/week';
import { weekEnd } from '../core/week';

const HOUR = 3_600_000;
export const EARLIEST_ZONE_HOURS = 14;
export const LATEST_ZONE_HOURS = 12;

export type WeekStatus =
  | { kind: 'open'; closesAt: Date }
  | { kind: 'collecting'; releasedAt: Date }
  | { kind: 'released'; releasedAt: Date };

export function weekStatus(weekId: WeekId, now: Date, collectionDays: number): WeekStatus {
  const end = weekEnd(weekId).getTime();
  const closesAt = new Date(end - EARLIEST_ZONE_HOURS * HOUR);
  const releasedAt = new Date(end + LATEST_ZONE_HOURS * HOUR + collectionDays * 24 * HOUR);
  if (now < closesAt) return { kind: 'open', closesAt };
  if (now < releasedAt) return { kind: 'collecting', releasedAt };
  return { kind: 'released', releasedAt };
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
