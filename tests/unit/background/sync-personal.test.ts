/**
 * Team sync for a personal team (background/sync.ts with vote-tokens.ts and votes.ts) against a
 * fake endpoint with real keys: the token run and the vote run never share a run; the vote
 * carries no invite; each answer ends where it should.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshSync } from '../../../src/background/sync';
import { RESEND_MIN_MS } from '../../../src/core/due-sends';
import { membershipFor } from '../../../src/core/team';
import { weekEnd, weekStart } from '../../../src/core/week';
import { saveMembership } from '../../../src/platform/team-settings';
import { openPulseDb } from '../../../src/storage/db';
import { listOutbox, saveEntry } from '../../../src/storage/outbox';
import { listTokens } from '../../../src/storage/tokens';
import { samplePulse } from '../core/samples';
import { personalInvite } from '../core/vote-samples';
import { fakeBrowser } from '../fake-browser';
import { pinnedClock } from '../pinned-clock';
import { type FakeEndpoint, fakeEndpoint, prepareKeys } from './fake-endpoint';

const DAY = 86_400_000;
const COMMENT = 'SECRET: the on-call rota';
/** Tuesday of 2026-W48: joined, this week's token is due at once. */
const joined = new Date(2026, 10, 24, 9);
/** Thursday of 2026-W49, after W48's latest first-send moment and W49's token moment. */
const later = new Date(2026, 11, 3, 12);
let endpoint: FakeEndpoint;

// The endpoint publishes a week's key from the week before (its weeks here: W48 to W50) to 13 ahead.
beforeAll(() => prepareKeys('2026-W47', 18), 120_000);

beforeEach(async () => {
  endpoint = fakeEndpoint({ invite: personalInvite.ingestToken, teamId: 'squad' });
  endpoint.state.week = '2026-W48';
  vi.stubGlobal('fetch', endpoint.fetch);
  fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
  await saveMembership(membershipFor(personalInvite, joined, null));
  const db = await openPulseDb();
  await db.put('pulses', samplePulse('2026-W48', { comment: COMMENT }));
  db.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function stored() {
  const db = await openPulseDb();
  try {
    return { outbox: (await listOutbox(db, later)).value, tokens: (await listTokens(db, later)).value };
  } finally {
    db.close();
  }
}

describe('a personal team’s sync', () => {
  it('fetches the week’s token on joining, then votes alone, with no invite, after the week closes', async () => {
    const first = await refreshSync(pinnedClock(joined));
    expect(endpoint.lines()).toEqual(['GET keys', 'POST tokens', 'GET notes']);
    expect(first.team?.personal).toBe(true);
    expect(first.votes).toMatchObject({ weekId: '2026-W48', state: 'ready', problem: null });
    expect(first.votes?.keyFingerprint).toHaveLength(8);
    const w48 = (await stored()).tokens.find((r) => r.weekId === '2026-W48');
    expect(first.votes?.keyFingerprint).toBe(w48?.key?.keyId.slice(0, 8));

    // W48 closes; W49's token is due in its first day, in a run of its own, and the vote waits.
    endpoint.state.week = '2026-W49';
    const monday = new Date(weekEnd('2026-W48').getTime() + DAY - 1);
    await refreshSync(pinnedClock(monday));
    expect(endpoint.lines().slice(3)).toEqual(['GET keys', 'POST tokens', 'GET notes']);
    const [entry] = (await stored()).outbox;
    expect(entry).toMatchObject({ weekId: '2026-W48', state: 'waiting', attempts: 0 });
    expect((entry?.sendAt ?? 0) - monday.getTime()).toBeGreaterThanOrEqual(RESEND_MIN_MS);

    // At the vote's own moment: the vote, and nothing else.
    const at = new Date(entry?.sendAt ?? 0);
    await refreshSync(pinnedClock(at));
    expect(endpoint.lines().slice(6)).toEqual(['POST votes']);
    const vote = endpoint.requests[6];
    expect(vote?.headers.get('authorization')).toBeNull();
    expect([...(vote?.headers.keys() ?? [])]).toEqual(['content-type']);
    expect(vote?.init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    expect(Object.keys(vote?.body as object).sort()).toEqual(['bankVersion', 'scores', 'token', 'weekId']);
    expect(JSON.stringify(vote?.body)).not.toContain('SECRET');
    expect(JSON.stringify(vote?.body)).not.toContain(personalInvite.ingestToken);
    expect((vote?.body as { token?: string } | undefined)?.token).toBe(
      (await stored()).tokens.find((r) => r.weekId === '2026-W48')?.token,
    );
    expect((await stored()).outbox[0]).toMatchObject({ state: 'sent', problem: null });
    expect(endpoint.votes.size).toBe(1);

    // Days later nothing more is asked: no notes on a cycle, no second vote.
    await refreshSync(pinnedClock(new Date(at.getTime() + 2 * DAY)));
    expect(endpoint.requests).toHaveLength(7);
  });

  it('retries a vote that found the endpoint down, with the same token, and counts it once', async () => {
    await refreshSync(pinnedClock(joined));
    endpoint.state.week = '2026-W49';
    await refreshSync(pinnedClock(new Date(weekStart('2026-W49').getTime() + DAY - 1))); // W49's token
    const due = new Date(((await stored()).outbox[0]?.sendAt ?? 0) + 1);
    endpoint.state.down = true;
    await refreshSync(pinnedClock(due));
    const [waiting] = (await stored()).outbox;
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1 });
    endpoint.state.down = false;
    await refreshSync(pinnedClock(new Date(waiting?.sendAt ?? 0)));
    expect(endpoint.lines().filter((l) => l === 'POST votes')).toHaveLength(2);
    const bodies = endpoint.requests.filter((r) => r.path.endsWith('/votes')).map((r) => JSON.stringify(r.body));
    expect(new Set(bodies).size).toBe(1);
    expect((await stored()).outbox[0]?.state).toBe('sent');
    expect(endpoint.votes.size).toBe(1);
  });

  it('asks for a token no sooner than a 503’s or a 429’s Retry-After, as stored, run after run', async () => {
    const HOUR = 3_600_000;
    // The keys: 503, asked to wait 2 hours.
    endpoint.state.busy.set('keys', { status: 503, retryAfter: '7200' });
    await refreshSync(pinnedClock(joined));
    expect(endpoint.lines()).toEqual(['GET keys']);
    const [held] = (await stored()).tokens;
    expect(held).toMatchObject({ weekId: '2026-W48', state: 'waiting', attempts: 1 });
    const fetchAt = held?.fetchAt ?? 0;
    expect(fetchAt - joined.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
    expect(fetchAt - joined.getTime()).toBeLessThan(3 * HOUR);
    // Each run reads the time from IndexedDB, as a restarted worker does: before it, nothing is asked.
    endpoint.state.busy.clear();
    await refreshSync(pinnedClock(new Date(fetchAt - 1)));
    expect(endpoint.lines()).toEqual(['GET keys']);

    // The token: 429 with an HTTP-date 5 hours after this try.
    const tried = new Date(fetchAt);
    endpoint.state.busy.set('tokens', { status: 429, retryAfter: new Date(tried.getTime() + 5 * HOUR).toUTCString() });
    await refreshSync(pinnedClock(tried));
    expect(endpoint.lines()).toEqual(['GET keys', 'GET keys', 'POST tokens', 'GET notes']);
    const [again] = (await stored()).tokens;
    expect(again).toMatchObject({ state: 'waiting', attempts: 2 });
    expect((again?.fetchAt ?? 0) - tried.getTime()).toBeGreaterThanOrEqual(5 * HOUR);
    expect((again?.fetchAt ?? 0) - tried.getTime()).toBeLessThan(7.5 * HOUR);

    endpoint.state.busy.clear();
    await refreshSync(pinnedClock(new Date(again?.fetchAt ?? 0)));
    expect((await stored()).tokens[0]).toMatchObject({ state: 'ready', attempts: 3 });
  });

  it('votes again no sooner than the endpoint asked, and on its own backoff when the header is no ask', async () => {
    const HOUR = 3_600_000;
    await refreshSync(pinnedClock(joined));
    endpoint.state.week = '2026-W49';
    await refreshSync(pinnedClock(new Date(weekStart('2026-W49').getTime() + DAY - 1))); // W49's token
    const due = new Date(((await stored()).outbox[0]?.sendAt ?? 0) + 1);
    endpoint.state.busy.set('votes', { status: 503, retryAfter: '10800' });
    const status = await refreshSync(pinnedClock(due));
    const [held] = (await stored()).outbox;
    expect(held).toMatchObject({ state: 'waiting', attempts: 1 });
    expect((held?.sendAt ?? 0) - due.getTime()).toBeGreaterThanOrEqual(3 * HOUR);
    expect((held?.sendAt ?? 0) - due.getTime()).toBeLessThan(4.5 * HOUR);
    // What Settings shows is the stored moment.
    expect(status.weeks[0]?.sendAt).toBe(held?.sendAt);

    // A 429 whose Retry-After is not a number or a date: the backoff (second try: 10 min ±25 %).
    const next = new Date(held?.sendAt ?? 0);
    endpoint.state.busy.set('votes', { status: 429, retryAfter: 'in a while' });
    await refreshSync(pinnedClock(next));
    const [backedOff] = (await stored()).outbox;
    expect(backedOff).toMatchObject({ state: 'waiting', attempts: 2 });
    expect((backedOff?.sendAt ?? 0) - next.getTime()).toBeGreaterThanOrEqual(7.5 * 60_000);
    expect((backedOff?.sendAt ?? 0) - next.getTime()).toBeLessThanOrEqual(12.5 * 60_000);
    expect(endpoint.lines().filter((l) => l === 'POST votes')).toHaveLength(2);
  });

  it('says plainly when a closed week never got its token, and sends nothing for it', async () => {
    // The browser did not run while W48 could get a token: it was released by the time it did.
    endpoint.state.down = true;
    await refreshSync(pinnedClock(joined));
    endpoint.state.down = false;
    endpoint.state.week = '2026-W50';
    endpoint.state.released.add('2026-W48');
    // Just past W50's first day, so its token's moment (drawn in that day) has surely come: a token
    // run. (Monday 23:00 left a 1-in-24 chance of the moment still ahead, and a second token run
    // later would move the vote again.)
    await refreshSync(pinnedClock(new Date(2026, 11, 8, 0, 30)));
    const [entry] = (await stored()).outbox;
    expect((await stored()).tokens.find((r) => r.weekId === '2026-W48')?.state).toBe('missed');
    const status = await refreshSync(pinnedClock(new Date((entry?.sendAt ?? 0) + 1)));
    expect(status.weeks[0]).toMatchObject({ weekId: '2026-W48', state: 'no-token' });
    expect(status.weeks[0]?.problem).toMatch(/^No vote token for week 2026-W48: this browser could not get one/);
    expect(endpoint.lines()).not.toContain('POST votes');
  });

  it('keeps a vote the endpoint calls final or late, with its words', async () => {
    await refreshSync(pinnedClock(joined));
    endpoint.state.week = '2026-W49';
    await refreshSync(pinnedClock(new Date(weekStart('2026-W49').getTime() + DAY - 1)));
    const db = await openPulseDb();
    const [entry] = (await listOutbox(db, later)).value;
    if (!entry) throw new Error('no entry');
    db.close();
    endpoint.state.released.add('2026-W48');
    const late = await refreshSync(pinnedClock(new Date(entry.sendAt + 1)));
    expect(late.weeks[0]).toMatchObject({ state: 'late', problem: 'week_released (HTTP 409)' });
    // Another try of the same week with other scores: final.
    endpoint.state.released.clear();
    const again = await openPulseDb();
    await saveEntry(again, { ...entry, state: 'waiting', sendAt: 0 });
    await refreshSync(pinnedClock(later));
    await saveEntry(again, {
      ...entry,
      state: 'waiting',
      sendAt: 0,
      submission: {
        ...entry.submission,
        scores: Object.fromEntries(Object.keys(entry.submission.scores).map((q) => [q, 1 as const])),
      },
    });
    again.close();
    const final = await refreshSync(pinnedClock(new Date(later.getTime() + DAY)));
    expect(final.weeks[0]).toMatchObject({ state: 'refused', problem: 'vote_final (HTTP 409)' });
  });
});
