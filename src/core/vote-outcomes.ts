/**
 * What the endpoint's answers to a personal team's requests mean (src/server/vote-routes.ts):
 * the same status can mean two things there (409 is a final vote or a released week), so the
 * error's code decides. `undefined` status is a network failure.
 */
import { type RetryOutcome, retryOutcome, type SendOutcome } from './outbox';

/**
 * A vote's answer, for the outbox (core/outbox afterAttempt). `waitMs`: the wait the answer asked
 * for (core/retry-after askedWait), kept on a retry.
 */
export function voteOutcomeOf(status: number | undefined, code: string | undefined, waitMs?: number): SendOutcome {
  if (status === undefined || status === 429 || status === 408 || status >= 500) return retryOutcome(waitMs);
  if (status === 200 || status === 201) return { kind: 'sent' };
  // The week has not closed on the endpoint's clock yet (a clock ahead here): later.
  if (status === 422) return { kind: 'retry' };
  if (status === 409 && code === 'week_released') return { kind: 'late' };
  // vote_final (this token voted with other scores), and every token error: final.
  return { kind: 'refused', status };
}

export type TokenOutcome =
  | { kind: 'signed' }
  /** The week was released: no token can be had for it any more. */
  | { kind: 'missed' }
  /** Said no for good (another request already took this invite's week, a revoked invite…). */
  | { kind: 'refused'; status: number }
  | RetryOutcome;

/** An answer to GET /keys or POST /tokens; `waitMs` as for a vote. */
export function tokenOutcomeOf(status: number | undefined, code: string | undefined, waitMs?: number): TokenOutcome {
  if (status === undefined || status === 429 || status === 408 || status >= 500) return retryOutcome(waitMs);
  if (status === 200) return { kind: 'signed' };
  // week_not_started: the endpoint's clock is behind this one; ask again later.
  if (status === 422) return { kind: 'retry' };
  if (status === 409 && code === 'week_released') return { kind: 'missed' };
  return { kind: 'refused', status };
}
