/**
 * When a personal team's member asks for a week's vote token. Every week, whether or not the
 * person answers (so asking says nothing about answering), at a moment drawn once at random in the
 * week's first day; if the browser was not running then, as soon as it is, while the week can
 * still get one. A closed week waiting to vote without its token asks at once. Retries back off as
 * the outbox's do, and wait at least as long as the endpoint asked (core/retry-after).
 */
import { retryAt } from './outbox';
import type { Membership } from './team';
import type { TokenOutcome } from './vote-outcomes';
import type { PinnedKey, TokenRecord } from './vote-token-record';
import { type WeekId, weekIdOf, weekStart } from './week';

const DAY = 86_400_000;

/** A moment in the week's first day (Monday, local time): `random` in [0, 1). */
export function firstFetchAt(weekId: WeekId, random: number): Date {
  return new Date(weekStart(weekId).getTime() + Math.floor(random * DAY));
}

/** A week's record before anything was asked: its moment, and its key if already pinned. */
export function newTokenRecord(team: Membership, weekId: WeekId, fetchAt: Date, key: PinnedKey | null): TokenRecord {
  return {
    teamId: team.teamId,
    weekId,
    endpoint: team.endpoint,
    key,
    state: 'waiting',
    fetchAt: fetchAt.getTime(),
    attempts: 0,
    request: null,
    token: null,
    problem: null,
  };
}

/** The team's own records: same team and endpoint (a same-named team elsewhere is another). */
export function teamTokenRecords(team: Membership, records: readonly TokenRecord[]): Map<WeekId, TokenRecord> {
  return new Map(
    records.filter((r) => r.teamId === team.teamId && r.endpoint === team.endpoint).map((r) => [r.weekId, r]),
  );
}

/**
 * Records to add now: this week's (from the week joined on), at a random moment of its first
 * day; and each closed week that waits to vote and has none, at once.
 */
export function recordsToSchedule(
  team: Membership,
  records: readonly TokenRecord[],
  votingWeeks: readonly WeekId[],
  now: Date,
  random: () => number,
): TokenRecord[] {
  const own = teamTokenRecords(team, records);
  const added: TokenRecord[] = [];
  const current = weekIdOf(now);
  if (current >= team.joinedWeek && !own.has(current)) {
    added.push(newTokenRecord(team, current, firstFetchAt(current, random()), null));
  }
  for (const weekId of votingWeeks) {
    if (weekId >= team.joinedWeek && weekId < current && !own.has(weekId)) {
      added.push(newTokenRecord(team, weekId, now, null));
    }
  }
  return added;
}

/** The records to ask for now: waiting, their moment come, their week begun. */
export function dueTokens(team: Membership, records: readonly TokenRecord[], now: Date): TokenRecord[] {
  const current = weekIdOf(now);
  return [...teamTokenRecords(team, records).values()].filter(
    (r) => r.state === 'waiting' && r.fetchAt <= now.getTime() && r.weekId <= current,
  );
}

/**
 * The record after one try. `token` is the finished token (signed); `message` the endpoint's
 * words or the extension's. A retry keeps the kept request, so the same one is asked again.
 */
export function tokenAfterAttempt(
  record: TokenRecord,
  outcome: TokenOutcome,
  now: Date,
  random: number,
  message: string | null,
  token?: string,
): TokenRecord {
  const attempts = record.attempts + 1;
  const at = now.getTime();
  switch (outcome.kind) {
    case 'signed':
      if (!token) throw new Error('A signed record needs its token.');
      // The inverse is of no use once the token is made: dropped, not kept beside the token.
      return { ...record, state: 'ready', attempts, fetchAt: at, request: null, token, problem: null };
    case 'missed':
      return { ...record, state: 'missed', attempts, fetchAt: at, problem: message };
    case 'refused':
      return { ...record, state: 'refused', attempts, fetchAt: at, problem: message };
    case 'retry':
      return {
        ...record,
        state: 'waiting',
        attempts,
        fetchAt: retryAt(now, attempts, random, outcome.waitMs).getTime(),
        problem: message,
      };
  }
}
