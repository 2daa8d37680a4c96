/**
 * ISO week ids ("2026-W48") on the engineer's local calendar. A week runs Monday 00:00 to
 * Sunday 24:00 local time. Week-year arithmetic comes from date-fns, never by hand: around
 * New Year the ISO week-year differs from the calendar year (2026-12-31 is in 2026-W53).
 */
import {
  addWeeks,
  differenceInCalendarDays,
  getISOWeek,
  getISOWeekYear,
  setISOWeek,
  startOfISOWeek,
  startOfISOWeekYear,
} from 'date-fns';

export type WeekId = `${number}-W${string}`;

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

/** The ISO week that contains `date`, on the local calendar. */
export function weekIdOf(date: Date): WeekId {
  const week = getISOWeek(date);
  return `${getISOWeekYear(date)}-W${String(week).padStart(2, '0')}` as WeekId;
}

/**
 * Monday 00:00 local time of the week, or undefined when the id is not a real ISO week. Remembered
 * per id (a few thousand at most), since exports and parsing ask about the same weeks many times;
 * callers get their own copy of the date.
 */
export function weekStartOrUndefined(id: string): Date | undefined {
  let start = WEEK_STARTS.get(id);
  if (start === undefined) {
    start = computeWeekStart(id) ?? null;
    if (WEEK_STARTS.size >= 10_000) WEEK_STARTS.clear();
    WEEK_STARTS.set(id, start);
  }
  return start === null ? undefined : new Date(start);
}

const WEEK_STARTS = new Map<string, Date | null>();

function computeWeekStart(id: string): Date | undefined {
  const match = WEEK_ID.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return undefined;
  const yearStart = startOfISOWeekYear(new Date(year, 0, 4));
  const monday = startOfISOWeek(setISOWeek(yearStart, week));
  // 2025-W53 does not exist: setISOWeek rolls it into the next year.
  return weekIdOf(monday) === id ? monday : undefined;
}

/**
 * Oldest first. Week ids are fixed-width ("2026-W05"), so code-unit order is time order, without
 * localeCompare, whose first call in a page loads a collator (about 8 ms on the trends page's way
 * to its first chart).
 */
export function compareWeekIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isWeekId(id: string): id is WeekId {
  // Every ISO week-year has weeks 1 to 52; only a 53rd needs the calendar (date-fns, about 20 µs a
  // week, which added up to a few ms over a two-year answer). Years before 1000 fall through too.
  const match = WEEK_ID.exec(id);
  const week = Number(match?.[2]);
  if (match && Number(match[1]) >= 1000 && week >= 1 && week <= 52) return true;
  return weekStartOrUndefined(id) !== undefined;
}

export function weekStart(id: WeekId): Date {
  const start = weekStartOrUndefined(id);
  if (!start) throw new RangeError(`Not an ISO week: ${id}`);
  return start;
}

/** The first moment after the week: next Monday 00:00 local time. */
export function weekEnd(id: WeekId): Date {
  return addWeeks(weekStart(id), 1);
}

/** A week closes at Sunday 24:00 local time; answers can change until then. */
export function isWeekClosed(id: WeekId, now: Date): boolean {
  return now.getTime() >= weekEnd(id).getTime();
}

export function addWeeksToId(id: WeekId, weeks: number): WeekId {
  return weekIdOf(addWeeks(weekStart(id), weeks));
}

/** ISO date (yyyy-mm-dd) of the week's Monday, for CSV and display. */
export function weekStartIsoDate(id: WeekId): string {
  const d = weekStart(id);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A Monday far in the past; weeks are numbered from it so rotation is a pure function. */
const EPOCH_MONDAY = new Date(2001, 0, 1);

/** Whole weeks from the epoch Monday to this week's Monday (calendar days, so DST cannot skew it). */
export function weekOrdinal(id: WeekId): number {
  return Math.round(differenceInCalendarDays(weekStart(id), EPOCH_MONDAY) / 7);
}

/** Weeks in order, newest first, ending with `latest`. */
export function recentWeeks(latest: WeekId, count: number): WeekId[] {
  return Array.from({ length: count }, (_, i) => addWeeksToId(latest, -i));
}
