import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendVote } from '../../../src/background/votes';
import { waitingEntry } from '../core/samples';
import { member } from '../core/vote-samples';
import { fakeBrowser } from '../fake-browser';

const now = new Date(2026, 11, 3, 12);
const token = 'A'.repeat(472);
const entry = { ...waitingEntry('2026-W48'), teamId: 'squad' };
let asked: { url: string; init: RequestInit }[];

beforeEach(() => {
  asked = [];
  fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
});
afterEach(() => vi.unstubAllGlobals());

const answering = (response: () => Response) =>
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push({ url, init });
    return response();
  });

describe('a week’s vote', () => {
  it('carries the token, the week, the bank version and the scores, and no credentials', async () => {
    answering(() => Response.json({ status: 'created' }, { status: 201 }));
    const sent = await sendVote(member, entry, token, now);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, problem: null });
    const [request] = asked;
    expect(request?.url).toBe('https://pulse.example.org/v1/teams/squad/votes');
    expect(request?.init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    expect([...new Headers(request?.init.headers).keys()]).toEqual(['content-type']);
    expect(JSON.parse(String(request?.init.body))).toEqual({
      token,
      weekId: '2026-W48',
      bankVersion: 1,
      scores: entry.submission.scores,
    });
    // Not the submission id: that HMAC would be a second id beside the token.
    expect(String(request?.init.body)).not.toContain(entry.submission.submissionId);
  });

  it('ends as the endpoint says: final, late, refused in its words, or retried', async () => {
    const refusal = (status: number, code: string) => () =>
      Response.json({ error: { code, message: code } }, { status });
    answering(refusal(409, 'vote_final'));
    expect(await sendVote(member, entry, token, now)).toMatchObject({
      state: 'refused',
      problem: 'vote_final (HTTP 409)',
    });
    answering(refusal(409, 'week_released'));
    expect(await sendVote(member, entry, token, now)).toMatchObject({ state: 'late' });
    answering(refusal(400, 'token_not_signed'));
    expect(await sendVote(member, entry, token, now)).toMatchObject({
      state: 'refused',
      problem: 'token_not_signed (HTTP 400)',
    });
    answering(refusal(422, 'week_not_closed'));
    const later = await sendVote(member, entry, token, now);
    expect(later).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(later.sendAt).toBeGreaterThan(now.getTime());
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await sendVote(member, entry, token, now)).toMatchObject({ state: 'waiting', attempts: 1 });
  });

  it('sends nothing without the host permission', async () => {
    fakeBrowser.current._state.origins.clear();
    answering(() => Response.json({}, { status: 201 }));
    expect(await sendVote(member, entry, token, now)).toBe(entry);
    expect(asked).toEqual([]);
  });
});
