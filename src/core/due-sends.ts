/**
 * Which week a sync run sends, and when the others go. Weeks of one person sent together (in one
 * run, seconds apart, from one address) would be linked by their arrival alone, so a run sends at
 * most one; any other week that is due by then (after a rejoin, or the browser closed for days)
 * gets a fresh random moment of its own, as it would have when it closed.
 */
import type { OutboxEntry } from './outbox-entry';
import { compareWeekIds } from './week';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A week moved on waits at least this long: past the time browsers keep an idle HTTP/1.1
 * connection for reuse (Chromium 5 minutes, Firefox 115 s), should the endpoint ignore
 * `Connection: close`.
 */
export const RESEND_MIN_MS = 15 * MINUTE;
/**
 * …and at most this long: short enough that a week due late (its moment missed while the browser
 * was closed) still reaches the endpoint inside its collection window (7 days by default).
 */
export const RESEND_SPREAD_MS = 24 * HOUR;

/** A fresh random moment after `now`, for a week that must not go now: `random` in [0, 1). */
export function freshSendAt(now: Date, random: number): Date {
  return new Date(now.getTime() + RESEND_MIN_MS + Math.floor(random * (RESEND_SPREAD_MS - RESEND_MIN_MS)));
}

export interface RunPlan {
  /** The one entry to send in this run, if any is due. */
  readonly send: OutboxEntry | undefined;
  /** Other due entries, each with its own fresh moment: to be saved before anything is sent. */
  readonly moved: readonly OutboxEntry[];
}

/**
 * The run's plan: the waiting entry due longest (the earliest `sendAt` not after `now`; by week on a
 * tie), and every other due one moved to a fresh moment drawn from `random`, one draw each.
 */
export function planRun(entries: readonly OutboxEntry[], now: Date, random: () => number): RunPlan {
  const due = entries
    .filter((e) => e.state === 'waiting' && e.sendAt <= now.getTime())
    .sort((a, b) => a.sendAt - b.sendAt || compareWeekIds(a.weekId, b.weekId));
  const [send, ...rest] = due;
  return { send, moved: rest.map((e) => ({ ...e, sendAt: freshSendAt(now, random()).getTime() })) };
}
