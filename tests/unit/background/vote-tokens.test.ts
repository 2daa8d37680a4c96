import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenRun } from '../../../src/background/vote-tokens';
import { firstFetchAt } from '../../../src/core/token-schedule';
import { fromBase64Url, parseToken } from '../../../src/core/vote-token';
import { weekStart } from '../../../src/core/week';
import { loadTeamInvites } from '../../../src/platform/team-invites';
import { loadTeamNotes } from '../../../src/platform/team-notes';
import { openPulseDb, type PulseDb } from '../../../src/storage/db';
import { listTokens } from '../../../src/storage/tokens';
import { member as joinedLastWeek } from '../core/vote-samples';
import { fakeBrowser } from '../fake-browser';
import { type FakeEndpoint, fakeEndpoint, prepareKeys } from './fake-endpoint';

const DAY = 86_400_000;
/** Joined this week: last week is none of its business. */
const member = { ...joinedLastWeek, joinedWeek: '2026-W49' as const };
/** Thursday of 2026-W49: this week's moment (in Monday) has passed. */
const thursday = new Date(2026, 11, 3, 12);
let endpoint: FakeEndpoint;
let db: PulseDb;

// The endpoint publishes a week's key from the week before (its weeks here: W48 to W50) to 13 ahead.
beforeAll(() => prepareKeys('2026-W47', 18), 120_000);

beforeEach(async () => {
  endpoint = fakeEndpoint({ invite: member.ingestToken, teamId: 'squad' });
  vi.stubGlobal('fetch', endpoint.fetch);
  fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
  db = await openPulseDb();
});
afterEach(() => {
  db.close();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const records = async (now = thursday) => (await listTokens(db, now)).value;
const byWeek = async (weekId: string) => (await records()).find((r) => r.weekId === weekId);

describe('the token run', () => {
  it('asks for the week’s token with the invite, pins the published keys, then reads the notes', async () => {
    expect(await tokenRun(db, member, [], thursday)).toBe(true);
    expect(endpoint.lines()).toEqual(['GET keys', 'POST tokens', 'GET notes']);
    for (const r of endpoint.requests) {
      expect(r.headers.get('authorization')).toBe(`Bearer ${member.ingestToken}`);
      expect(r.init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    }
    expect(Object.keys(endpoint.requests[1]?.body as object).sort()).toEqual(['blindedRequest', 'weekId']);
    const week = await byWeek('2026-W49');
    expect(week).toMatchObject({ state: 'ready', request: null, problem: null });
    const token = parseToken(fromBase64Url(week?.token ?? '') ?? new Uint8Array());
    expect(token).toBeDefined();
    // Twelve weeks ahead pinned, each with a moment of its own in its first day; the week before joining is not.
    const all = await records();
    expect(all.map((r) => r.weekId)[0]).toBe('2026-W49');
    expect(all).toHaveLength(13);
    for (const r of all.slice(1)) {
      expect(r.key).not.toBeNull();
      expect(r.fetchAt - weekStart(r.weekId).getTime()).toBeGreaterThanOrEqual(0);
      expect(r.fetchAt - weekStart(r.weekId).getTime()).toBeLessThan(DAY);
    }
    expect(await loadTeamInvites('squad')).toMatchObject({ invites: 6, weekId: '2026-W49' });
    expect((await loadTeamNotes())?.notes).toHaveLength(1);
  });

  it('asks nothing before the week’s moment, and nothing twice', async () => {
    const real = crypto.getRandomValues.bind(crypto);
    // Moments draw 0.5; blinding keeps the real RNG.
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
      if (a instanceof Uint32Array && a.length === 1) a.fill(2 ** 31);
      else real(a as Uint8Array);
      return a;
    });
    const monday = weekStart('2026-W49');
    expect(await tokenRun(db, member, [], new Date(monday.getTime() + 3600_000))).toBe(false);
    expect(endpoint.requests).toEqual([]);
    expect((await byWeek('2026-W49'))?.fetchAt).toBe(firstFetchAt('2026-W49', 0.5).getTime());
    expect(await tokenRun(db, member, [], new Date(monday.getTime() + DAY / 2))).toBe(true);
    expect(await tokenRun(db, member, [], thursday)).toBe(false);
    expect(endpoint.lines()).toEqual(['GET keys', 'POST tokens', 'GET notes']);
  });

  it('keeps the request before sending it, and asks again with the same one after a lost answer', async () => {
    const original = endpoint.fetch;
    let keptWhenAsked: string | undefined;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      // What IndexedDB holds at the moment the request leaves: were the worker stopped now, this is what remains.
      if (url.endsWith('/tokens')) keptWhenAsked = (await byWeek('2026-W49'))?.request?.blindedRequest;
      const answer = await original(url, init);
      // The signature is made, then the answer is lost on the way back.
      if (url.endsWith('/tokens')) throw new TypeError('Failed to fetch');
      return answer;
    });
    await tokenRun(db, member, [], thursday);
    const kept = await byWeek('2026-W49');
    expect(kept).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(kept?.request?.blindedRequest).toBe(endpoint.issued.get('2026-W49'));
    expect(keptWhenAsked).toBe(endpoint.issued.get('2026-W49'));
    expect(kept?.problem).toMatch(/could not be reached/);
    vi.stubGlobal('fetch', original);
    await tokenRun(db, member, [], new Date(kept?.fetchAt ?? 0));
    expect((await byWeek('2026-W49'))?.state).toBe('ready');
    const asked = endpoint.requests
      .filter((r) => r.path.endsWith('/tokens'))
      .map((r) => (r.body as { blindedRequest: string }).blindedRequest);
    expect(asked).toHaveLength(2);
    expect(new Set(asked).size).toBe(1);
  });

  it('refuses another key for a pinned week and says so, never asking with it', async () => {
    await tokenRun(db, member, [], thursday);
    await endpoint.swapKey('2026-W50');
    endpoint.state.week = '2026-W50';
    const monday = new Date(weekStart('2026-W50').getTime() + DAY);
    expect(await tokenRun(db, member, [], monday)).toBe(true);
    const w50 = (await records(monday)).find((r) => r.weekId === '2026-W50');
    expect(w50).toMatchObject({ state: 'key-changed', token: null, request: null });
    expect(w50?.problem).toMatch(/another key for week 2026-W50/);
    expect(endpoint.lines().slice(3)).toEqual(['GET keys', 'GET notes']);
  });

  it('marks a week the endpoint released as missed, and another device’s token as refused', async () => {
    const member = joinedLastWeek;
    endpoint.state.released.add('2026-W48');
    endpoint.issued.set('2026-W49', 'another device’s request');
    await tokenRun(db, member, ['2026-W48'], thursday);
    expect(await byWeek('2026-W48')).toMatchObject({ state: 'missed' });
    const w49 = await byWeek('2026-W49');
    expect(w49).toMatchObject({ state: 'refused' });
    expect(w49?.problem).toMatch(/already has its token\. \(HTTP 409\)/);
  });

  it('retries every due week when the keys cannot be had, and reads no notes', async () => {
    endpoint.state.down = true;
    expect(await tokenRun(db, member, [], thursday)).toBe(true);
    expect(endpoint.lines()).toEqual(['GET keys']);
    expect(await byWeek('2026-W49')).toMatchObject({ state: 'waiting', attempts: 1, key: null });
    expect(await loadTeamNotes()).toBeUndefined();
  });

  it('asks nothing without the host permission', async () => {
    fakeBrowser.current._state.origins.clear();
    expect(await tokenRun(db, member, [], thursday)).toBe(false);
    expect(endpoint.requests).toEqual([]);
  });
});
