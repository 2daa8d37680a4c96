/**
 * The sync outbox's rules, as pure functions (the background applies them; issue 4's extension side):
 * what one closed week sends, when it is first sent (a random moment in the days after the week
 * closes, so timing tells nothing), how retries back off, and what each answer means.
 */

import { randomizeScore } from './noise';
import type { OutboxEntry } from './outbox-entry';
import { askedRetryDelay } from './retry-after';
import { isScaleValue } from './scale';
import type { PulseRecord } from './schemas';
import type { Submission } from './submission';
import { weekEnd } from './week';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** First sends are spread over this long after the week closes (well inside the endpoint's window). */
export const SEND_SPREAD_MS = 3 * 24 * HOUR;
const FIRST_RETRY_MS = 5 * MINUTE;
const MAX_RETRY_MS = 6 * HOUR;

/** The moment to send a week first: `random` in [0, 1) picks a moment in the spread. */
export function firstSendAt(weekId: PulseRecord['weekId'], random: number): Date {
  return new Date(weekEnd(weekId).getTime() + Math.floor(random * SEND_SPREAD_MS));
}

/**
 * Exponential backoff with jitter: 5 min, 10 min, 20 min … at most 6 h, each ±25 %. When the
 * endpoint asked for a wait (`askedMs`, core/retry-after), no sooner than that, spread as
 * `askedRetryDelay` says; and never sooner than the backoff drawn from the same `random`.
 */
export function retryAt(now: Date, attempts: number, random: number, askedMs = 0): Date {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  const own = Math.round(base * (0.75 + random * 0.5));
  return new Date(now.getTime() + Math.max(own, askedRetryDelay(askedMs, random)));
}

const encoder = new TextEncoder();

/**
 * The per-week submission id: HMAC-SHA-256 of team and week under a secret that never leaves the
 * device. Stable for one week (a retry replaces), unrelated across weeks (weeks cannot be linked).
 */
export async function submissionId(secret: Uint8Array, teamId: string, weekId: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`culture-pulse/v1\n${teamId}\n${weekId}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Local noise for a submission: ε, and the device's random source. */
export interface Noise {
  readonly epsilon: number;
  readonly random: () => number;
}

/**
 * What a closed week sends: its 1–5 scores by question, and nothing else. Skipped and unanswered
 * questions are left out; the comment never leaves the device. Undefined when there is nothing to send.
 * With `noise`, each score is randomized here, once: the outbox keeps the result, so a retry resends
 * the same noisy scores rather than drawing fresh ones that an endpoint could average out.
 */
export async function buildSubmission(
  record: PulseRecord,
  teamId: string,
  secret: Uint8Array,
  noise?: Noise,
): Promise<Submission | undefined> {
  const scores: Record<string, 1 | 2 | 3 | 4 | 5> = {};
  for (const id of record.questionIds) {
    const answer = record.answers[id];
    if (isScaleValue(answer)) scores[id] = noise ? randomizeScore(answer, noise.epsilon, noise.random) : answer;
  }
  if (Object.keys(scores).length === 0) return undefined;
  return {
    submissionId: await submissionId(secret, teamId, record.weekId),
    teamId,
    weekId: record.weekId,
    bankVersion: record.bankVersion,
    scores,
  };
}

export type SendOutcome =
  | { kind: 'sent' }
  /** The week was released before this arrived: kept on the device, and the engineer is told. */
  | { kind: 'late' }
  /** The endpoint refused it for good (wrong token, left team…): stop, and say why. */
  | { kind: 'refused'; status: number }
  /** Offline, overloaded or down: try again later; `waitMs` is how long the endpoint asked to wait. */
  | RetryOutcome;

export interface RetryOutcome {
  readonly kind: 'retry';
  readonly waitMs?: number;
}

/** A retry, with the endpoint's asked wait when it gave one (core/retry-after askedWait). */
export function retryOutcome(waitMs: number | undefined): RetryOutcome {
  return waitMs === undefined ? { kind: 'retry' } : { kind: 'retry', waitMs };
}

/**
 * What an endpoint's answer means for the outbox; `undefined` status is a network failure.
 * `waitMs`: the wait the answer asked for, kept on a retry.
 */
export function outcomeOf(status: number | undefined, waitMs?: number): SendOutcome {
  if (status === undefined || status === 429 || status === 408 || status >= 500) return retryOutcome(waitMs);
  if (status === 200 || status === 201) return { kind: 'sent' };
  if (status === 409) return { kind: 'late' };
  return { kind: 'refused', status };
}

/**
 * The entry after one attempt. `problem` is what went wrong, in the engineer's language: the
 * endpoint's own explanation when it gave one, else the background's words for the outcome
 * (core keeps no copy of those). A retry keeps the same submission (same id, same scores) and
 * backs off; the other outcomes are final.
 */
export function afterAttempt(
  entry: OutboxEntry,
  outcome: SendOutcome,
  now: Date,
  random: number,
  problem: string,
): OutboxEntry {
  const attempts = entry.attempts + 1;
  const at = now.getTime();
  switch (outcome.kind) {
    case 'sent':
      return { ...entry, state: 'sent', attempts, sendAt: at, problem: null };
    case 'late':
      return { ...entry, state: 'late', attempts, sendAt: at, problem };
    case 'refused':
      return { ...entry, state: 'refused', attempts, sendAt: at, problem };
    case 'retry':
      return {
        ...entry,
        state: 'waiting',
        attempts,
        sendAt: retryAt(now, attempts, random, outcome.waitMs).getTime(),
        problem,
      };
  }
}
