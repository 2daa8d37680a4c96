import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mayReach,
  outcomeWords,
  REQUEST_INIT,
  refusalOf,
  teamUrl,
  unreachable,
  waitAsked,
} from '../../../src/background/endpoint';
import { member } from '../core/vote-samples';
import { fakeBrowser } from '../fake-browser';

afterEach(() => vi.unstubAllGlobals());

describe('requests to the endpoint', () => {
  it('omit credentials, referrer and cache, and name the team’s resource', () => {
    expect(REQUEST_INIT).toEqual({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    expect(teamUrl(member, 'votes')).toBe('https://pulse.example.org/v1/teams/squad/votes');
  });

  it('go only where the host is granted', async () => {
    expect(await mayReach(member)).toBe(false);
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    expect(await mayReach(member)).toBe(true);
  });

  it('read a refusal’s code and words, and nothing from an answer that is not one', async () => {
    const refused = Response.json({ error: { code: 'vote_final', message: 'Final.' } }, { status: 409 });
    expect(await refusalOf(refused)).toEqual({ code: 'vote_final', message: 'Final. (HTTP 409)' });
    expect(await refusalOf(new Response('<html>busy</html>', { status: 503 }))).toEqual({});
    expect(await refusalOf(Response.json({ status: 'created' }, { status: 201 }))).toEqual({});
  });

  it('read the wait a 429 or 503 asks for from its Retry-After, and none from other answers', () => {
    const now = new Date(Date.UTC(2026, 11, 3, 12));
    const answer = (status: number, retryAfter?: string) =>
      new Response(null, { status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
    expect(waitAsked(answer(503, '120'), now)).toBe(120_000);
    expect(waitAsked(answer(429, 'Thu, 03 Dec 2026 13:00:00 GMT'), now)).toBe(3_600_000);
    expect(waitAsked(answer(503), now)).toBeUndefined();
    expect(waitAsked(answer(503, 'soon'), now)).toBeUndefined();
    expect(waitAsked(answer(502, '120'), now)).toBeUndefined();
  });

  it('say why nothing answered, and what an outcome means', () => {
    expect(unreachable(member)).toMatch(/pulse\.example\.org could not be reached/);
    vi.stubGlobal('navigator', { ...navigator, onLine: false });
    expect(unreachable(member)).toMatch(/offline/);
    expect(outcomeWords({ kind: 'late' }, '2026-W48')).toMatch(/2026-W48 had already been released/);
    expect(outcomeWords({ kind: 'refused', status: 400 }, '2026-W48')).toMatch(/HTTP 400/);
    expect(outcomeWords({ kind: 'sent' }, '2026-W48')).toBe('');
  });
});
