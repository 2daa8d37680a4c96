/** The endpoint over real HTTP: every rejection with its status and message, and nothing written by one. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INGEST, MANAGER, type Running, startServer } from './harness';
import { submission } from './store-contract';

// A server of its own for each test, so each runs alone and in any order.
let server: Running;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server?.close();
});

const path = '/v1/teams/platform/submissions';
const good = submission('platform', '2026-W47', 1, 4);

async function count(week: '2026-W46' | '2026-W47' | '2026-W48' = '2026-W47') {
  return (await server.store.weekSubmissions('platform', week)).length;
}

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
}

describe('ingest', () => {
  it('accepts a closed week’s scores once, and a retry replaces them', async () => {
    const first = await server.post(path, submission('platform', '2026-W47', 1, 2));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'created' });
    const retry = await server.post(path, good);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'replaced' });
    expect(await server.store.weekSubmissions('platform', '2026-W47')).toEqual([good]);
  });

  describe('refusals', () => {
    // The week holds one submission; every refusal leaves it exactly so.
    beforeEach(async () => {
      await server.store.upsertSubmission(good);
    });
    afterEach(async () => {
      expect(await server.store.weekSubmissions('platform', '2026-W47')).toEqual([good]);
    });

    it('refuses a malformed team id (400), and a missing or wrong token alike, team or no team (401)', async () => {
      await expectError(await server.post('/v1/teams/NOT%20A%20TEAM/submissions', good), 400, 'invalid_team');
      const unauthorized = /^Send this team’s token as "Authorization: Bearer <token>"/;
      await expectError(
        await server.post('/v1/teams/nobody/submissions', { ...good, teamId: 'nobody' }),
        401,
        'unauthorized',
        unauthorized,
      );
      await expectError(await server.post(path, good, { authorization: '' }), 401, 'unauthorized', unauthorized);
      await expectError(await server.post(path, good, { authorization: `Bearer ${MANAGER}` }), 401, 'unauthorized');
      await expectError(await server.post(path, good, { authorization: `Bearer ${INGEST}x` }), 401, 'unauthorized');
    });

    it('refuses a week that has not ended (422) and one already released (409)', async () => {
      await expectError(
        await server.post(path, submission('platform', '2026-W48', 9)),
        422,
        'week_not_closed',
        /2026-W48 has not ended/,
      );
      await expectError(
        await server.post(path, submission('platform', '2026-W46', 9)),
        409,
        'week_released',
        /2026-W46 has been released/,
      );
      await expectError(await server.post(path, submission('platform', '2025-W10', 9)), 409, 'week_released');
      expect(await count('2026-W48')).toBe(0);
      expect(await count('2026-W46')).toBe(0);
    });

    it.each([
      [
        'an unknown question',
        { ...good, scores: { 'impact-nonsense': 3 } },
        /scores\.impact-nonsense: is not a question/,
      ],
      [
        'a score out of range',
        { ...good, scores: { [Object.keys(good.scores)[0] ?? '']: 7 } },
        /whole score from 1 to 5/,
      ],
      ['a comment', { ...good, comment: 'secret' }, /unexpected field "comment"/],
      ['a timestamp', { ...good, sentAt: '2026-11-24T09:13:00Z' }, /unexpected field "sentAt"/],
      ['a missing field', { ...good, weekId: undefined }, /weekId/],
      ['a team that is not the URL’s', { ...good, teamId: 'apps' }, /must match the team in the URL/],
    ])('refuses %s (400) naming the problem', async (_, body, message) => {
      const response = await server.post(path, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    });

    it('refuses a body that is not JSON (400), not sent as JSON (415), or too large (413)', async () => {
      await expectError(await server.post(path, '{"submissionId":'), 400, 'invalid_json');
      await expectError(await server.post(path, good, { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
      await expectError(await server.post(path, { ...good, pad: 'x'.repeat(5000) }), 413, 'too_large');
      // Without a Content-Length (streamed), the limit still holds.
      const chunked = await fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(`{"pad":"${'x'.repeat(6000)}"}`));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      await expectError(chunked, 413, 'too_large');
    });

    it('logs nothing about a request: no address, agent, body or time', async () => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
      await server.post(path, good);
      await server.post(path, '{bad json');
      await server.get('/v1/teams/platform/weeks');
      for (const spy of spies) {
        expect(spy).not.toHaveBeenCalled();
        spy.mockRestore();
      }
    });
  });
});

describe('flood protection', () => {
  it('answers 429 with Retry-After once a token’s burst is spent, and writes nothing more', async () => {
    const small = await startServer({ burst: 3, perMinute: 1 });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await small.post(path, submission('platform', '2026-W47', 100 + i))).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
      const limited = await small.post(path, good);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await small.store.weekSubmissions('platform', '2026-W47')).length).toBe(3);
    } finally {
      await small.close();
    }
  });
});

describe('manager reads', () => {
  it('says a collecting week is collecting, with no figures', async () => {
    const response = await server.get('/v1/teams/platform/weeks/2026-W47');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      weekId: '2026-W47',
      status: 'collecting',
      releasesAt: '2026-11-30T12:00:00.000Z',
    });
  });

  it('shows a released week’s figures, and nothing for a group below k', async () => {
    for (let i = 0; i < 5; i++) await server.store.upsertSubmission(submission('platform', '2026-W46', 200 + i, 4));
    for (let i = 0; i < 4; i++) await server.store.upsertSubmission(submission('platform', '2026-W45', 300 + i, 2));
    const response = await server.get('/v1/teams/platform/weeks');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      weeks: { weekId: string; status: string; responses?: number | null; questions?: object }[];
    };
    const byWeek = Object.fromEntries(body.weeks.map((w) => [w.weekId, w]));
    expect(byWeek['2026-W46']).toMatchObject({ status: 'released', responses: 5, suppressed: false });
    const first = Object.values(byWeek['2026-W46']?.questions ?? {})[0];
    expect(first).toEqual({
      suppressed: false,
      responses: 5,
      mean: 4,
      favourablePct: 100,
      neutralPct: 0,
      unfavourablePct: 0,
    });
    expect(byWeek['2026-W45']).toEqual({
      weekId: '2026-W45',
      status: 'released',
      k: 5,
      responses: null,
      suppressed: true,
      questions: {},
      themes: {},
    });
    // A collecting week is not listed at all; when the next figures come is told instead.
    expect(byWeek['2026-W47']).toBeUndefined();
    expect(body).toMatchObject({ kind: 'open', nextReleaseAt: '2026-11-30T12:00:00.000Z' });
  });

  it('refuses the ingest token (403), a wrong or missing token or team (401), and a bad week (400)', async () => {
    await expectError(await server.get('/v1/teams/platform/weeks', INGEST), 403, 'ingest_token', /never read/);
    await expectError(await server.get('/v1/teams/platform/weeks', `${MANAGER}x`), 401, 'unauthorized');
    await expectError(await server.get('/v1/teams/platform/weeks', ''), 401, 'unauthorized');
    await expectError(await server.get('/v1/teams/nobody/weeks'), 401, 'unauthorized');
    // The week is checked before the token: its shape says nothing about the team.
    await expectError(await server.get('/v1/teams/platform/weeks/2026-W99', ''), 400, 'invalid_week');
    await expectError(await server.get('/v1/teams/platform/trends.csv?from=2026-W99', ''), 400, 'invalid_week');
    await expectError(await server.get('/v1/teams/Platform/weeks'), 400, 'invalid_team');
    await expectError(await server.get('/v2/anything'), 404, 'not_found');
  });
});

describe('hardening', () => {
  it('refuses a "__proto__" key anywhere in the body (400) instead of silently dropping it', async () => {
    const body = JSON.stringify(good).replace('"scores":{', '"scores":{"__proto__":{"polluted":1},');
    const response = await server.post(path, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden_key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
