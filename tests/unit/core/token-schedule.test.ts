import { describe, expect, it } from 'vitest';
import {
  dueTokens,
  firstFetchAt,
  recordsToSchedule,
  teamTokenRecords,
  tokenAfterAttempt,
} from '../../../src/core/token-schedule';
import { weekStart } from '../../../src/core/week';
import { member, tokenRecord } from './vote-samples';

const DAY = 86_400_000;
const thursday = new Date(2026, 11, 3, 12); // 2026-W49
const half = () => 0.5;

describe('when a week’s token is asked for', () => {
  it('is a moment in the week’s first day, local time', () => {
    expect(firstFetchAt('2026-W49', 0)).toEqual(weekStart('2026-W49'));
    expect(firstFetchAt('2026-W49', 0.5).getTime()).toBe(weekStart('2026-W49').getTime() + DAY / 2);
    expect(firstFetchAt('2026-W49', 0.999_999).getTime()).toBeLessThan(weekStart('2026-W49').getTime() + DAY);
    // Across the switch from summer time (25 October 2026): still that Monday.
    expect(firstFetchAt('2026-W44', 0.99).getDate()).toBe(26);
  });

  it('schedules this week once, drawn once, and a closed week waiting to vote at once', () => {
    const added = recordsToSchedule(member, [], ['2026-W48'], thursday, half);
    expect(added.map((r) => [r.weekId, r.fetchAt])).toEqual([
      ['2026-W49', firstFetchAt('2026-W49', 0.5).getTime()],
      ['2026-W48', thursday.getTime()],
    ]);
    expect(added.every((r) => r.state === 'waiting' && r.key === null && r.request === null)).toBe(true);
    // Scheduled weeks are not drawn again.
    expect(recordsToSchedule(member, added, ['2026-W48'], thursday, () => 0.1)).toEqual([]);
  });

  it('schedules nothing before the week joined', () => {
    expect(recordsToSchedule({ ...member, joinedWeek: '2026-W50' }, [], ['2026-W48'], thursday, half)).toEqual([]);
  });

  it('treats a same-named team at another endpoint as another team', () => {
    const elsewhere = tokenRecord('2026-W49', { endpoint: 'https://other.example.org' });
    expect(teamTokenRecords(member, [elsewhere]).size).toBe(0);
    expect(recordsToSchedule(member, [elsewhere], [], thursday, half).map((r) => r.weekId)).toEqual(['2026-W49']);
  });

  it('is due once its moment has come, for a week begun, while waiting', () => {
    const records = [
      tokenRecord('2026-W49', { fetchAt: thursday.getTime() }),
      tokenRecord('2026-W48', { fetchAt: thursday.getTime() + 1 }),
      tokenRecord('2026-W47', { state: 'ready', token: 'A'.repeat(472) }),
      tokenRecord('2026-W50', { fetchAt: 0 }), // pinned ahead: not before its week
      tokenRecord('2026-W46', { state: 'refused' }),
    ];
    expect(dueTokens(member, records, thursday).map((r) => r.weekId)).toEqual(['2026-W49']);
  });

  it('keeps the kept request for a retry, drops it once the token is made, and backs off', () => {
    const request = {
      nonce: 'n'.repeat(43),
      challengeDigest: 'c'.repeat(43),
      keyId: 'K'.repeat(43),
      blindedRequest: 'b'.repeat(342),
      inverse: 'i'.repeat(342),
    };
    const asked = tokenRecord('2026-W49', { request });
    const retry = tokenAfterAttempt(asked, { kind: 'retry' }, thursday, 0.5, 'down');
    expect(retry).toMatchObject({ state: 'waiting', attempts: 1, request, problem: 'down' });
    expect(retry.fetchAt).toBe(thursday.getTime() + 5 * 60_000);
    // Asked to wait an hour (a 429 or 503 with Retry-After): an hour, and a quarter more at this draw.
    const held = tokenAfterAttempt(asked, { kind: 'retry', waitMs: 3_600_000 }, thursday, 0.5, 'busy');
    expect(held).toMatchObject({ state: 'waiting', attempts: 1, request, problem: 'busy' });
    expect(held.fetchAt).toBe(thursday.getTime() + 4_500_000);
    const ready = tokenAfterAttempt(retry, { kind: 'signed' }, thursday, 0, null, 'A'.repeat(472));
    expect(ready).toMatchObject({ state: 'ready', attempts: 2, request: null, token: 'A'.repeat(472), problem: null });
    expect(tokenAfterAttempt(asked, { kind: 'missed' }, thursday, 0, 'released').state).toBe('missed');
    expect(tokenAfterAttempt(asked, { kind: 'refused', status: 409 }, thursday, 0, 'taken')).toMatchObject({
      state: 'refused',
      problem: 'taken',
      request,
    });
    expect(() => tokenAfterAttempt(asked, { kind: 'signed' }, thursday, 0, null)).toThrow(
      'A signed record needs its token.',
    );
  });
});
