/**
 * Nobody can starve a team or bloat the server: each attack as its attacker would make it, over
 * real HTTP. A flood without the team's token never spends the team's budget, tells nobody whether
 * a team exists, and leaves the server's limiters holding a bounded number of small keys.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST, MANAGER, type Running, startServer } from './harness';
import { submission } from './store-contract';

const path = '/v1/teams/platform/submissions';
const WRONG = 'wrong-token-cccccccccccccccccccccccccccccccccccccc';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything a client sees of an answer but the date: status, headers and body. */
async function answer(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== 'date');
  return { status: response.status, headers, body: await response.text() };
}

/** `n` requests, `parallel` at a time; their statuses, counted. */
async function flood(n: number, parallel: number, send: (i: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < n; i = next++) {
        const response = await send(i);
        await response.body?.cancel();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  return Object.fromEntries(statuses);
}

describe('a flood without the team’s token', () => {
  it('never spends the budget of the team’s devices, even from their own address', async () => {
    // A small budget per token (3 at once), as a team of a few devices would have.
    server = await startServer({ burst: 3, perMinute: 1, refusedBurst: 50 });
    const s = server;
    const body = submission('platform', '2026-W47', 1);
    const statuses = await flood(600, 10, (i) =>
      i % 2 ? s.post(path, body, { authorization: '' }) : s.post(path, body, { authorization: `Bearer ${WRONG}` }),
    );
    // The first 50 are told why; the rest, from the same address, to wait.
    expect(statuses).toEqual({ 401: 50, 429: 550 });
    const device = await s.post(path, body);
    expect(device.status).toBe(201);
    expect(await s.store.weekSubmissions('platform', '2026-W47')).toEqual([body]);
  }, 30_000);
});

describe('a request without a valid token', () => {
  const tokens: Record<string, string> = {
    'no token': '',
    'a wrong token': WRONG,
    'another team’s manager token': MANAGER,
  };

  const notes = (s: Running, team: string, token: string) => s.get(`/v1/teams/${team}/notes`, token);
  const requests: Record<string, (s: Running, team: string, token: string) => Promise<Response>> = {
    ingest: (s, team, token) =>
      s.post(`/v1/teams/${team}/submissions`, submission(team, '2026-W47', 1), {
        authorization: `Bearer ${token}`,
      }),
    weeks: (s, team, token) => s.get(`/v1/teams/${team}/weeks`, token),
    week: (s, team, token) => s.get(`/v1/teams/${team}/weeks/2026-W46`, token),
    'trends.csv': (s, team, token) => s.get(`/v1/teams/${team}/trends.csv?from=2026-W01`, token),
    notes,
    'note put': (s, team, token) =>
      fetch(`${s.url}/v1/teams/${team}/notes/2026-W46/choice`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: 'a note' }),
      }),
    'note delete': (s, team, token) =>
      fetch(`${s.url}/v1/teams/${team}/notes/2026-W46/choice`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      }),
  };

  it('is answered byte for byte alike whether the team exists or not', async () => {
    server = await startServer();
    const s = server;
    const answers = new Set<string>();
    for (const [route, send] of Object.entries(requests)) {
      for (const [what, token] of Object.entries(tokens)) {
        // "platform" exists; "nobody-here" does not. The manager token is platform's, so it is
        // wrong for nobody-here; for platform it stands in as a wrong token only where it is one.
        const real =
          route === 'ingest' || token !== MANAGER ? await answer(await send(s, 'platform', token)) : undefined;
        const none = await answer(await send(s, 'nobody-here', token));
        if (real) expect(none, `${route}, ${what}`).toEqual(real);
        answers.add(JSON.stringify(none));
      }
    }
    // And alike everywhere: one answer for every route and every kind of missing or wrong token.
    expect(answers.size).toBe(1);
    const [only] = [...answers].map((a) => JSON.parse(a) as { status: number; body: string });
    expect(only?.status).toBe(401);
    expect(JSON.parse(only?.body ?? '')).toEqual({
      error: {
        code: 'unauthorized',
        message:
          'Send this team’s token as "Authorization: Bearer <token>": none came, or it is not one of this team’s (it may have been rotated).',
      },
    });
    // A team's real token sent to a team that does not exist is just another wrong token.
    expect(await answer(await notes(s, 'nobody-here', INGEST))).toEqual(
      await answer(await notes(s, 'platform', WRONG)),
    );
  });
});

describe('junk team ids', () => {
  // 2,000 are as telling as 10,000 (the old limiter kept a key per request); the bench sends 10,000 for RSS.
  it('leave the limiters holding a bounded number of small keys (2,000 requests, 15 KB ids)', async () => {
    server = await startServer();
    const s = server;
    const statuses = await flood(2_000, 10, (i) =>
      s.post(
        `/v1/teams/${i.toString(36).padStart(15 * 1024, 'x')}/submissions`,
        '{}',
        i % 2 ? { authorization: '' } : { authorization: `Bearer ${WRONG}` },
      ),
    );
    expect(statuses).toEqual({ 400: 2_000 });
    // One address and nothing else; the old limiter held a 15 KB key per request (30 MB here).
    const sizes = Object.values(s.limiters).map((l) => l.size());
    expect(sizes.reduce((sum, x) => sum + x.keys, 0)).toBeLessThanOrEqual(1);
    for (const size of sizes) expect(size.bytes).toBeLessThan(1024);
    expect((await s.store.listTeams()).map((t) => t.teamId)).toEqual(['platform']);
  }, 60_000);
});

describe('the per-address budget', () => {
  it('answers 429 to one address’s flood of refused requests, and no other client notices', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    // Every request here comes from 127.0.0.1: a header stands in for the socket's address.
    server = await startServer({
      burst: 5,
      perMinute: 1,
      refusedBurst: 20,
      addressOf: (c) => c.req.header('x-test-address'),
    });
    const s = server;
    const attacker = { 'x-test-address': '203.0.113.7' };
    const statuses = await flood(200, 4, (i) =>
      s.post(path, '{}', { ...attacker, authorization: i % 2 ? '' : `Bearer ${WRONG}` }),
    );
    expect(statuses).toEqual({ 401: 20, 429: 180 });
    const limited = await s.post(path, '{}', { ...attacker, authorization: '' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: 'Too many refused requests; try again later.' },
    });

    // Another address is told why it was refused; a device with the token is served wherever it is.
    const other = await s.post(path, '{}', { 'x-test-address': '198.51.100.9', authorization: '' });
    expect(other.status).toBe(401);
    for (const [i, from] of ['198.51.100.9', '203.0.113.7'].entries()) {
      const device = await s.post(path, submission('platform', '2026-W47', 10 + i), { 'x-test-address': from });
      expect(device.status).toBe(201);
    }
    expect(
      (await s.get('/v1/teams/platform/weeks/2026-W47', MANAGER)).status,
      'the manager reads from the flooded address too',
    ).toBe(200);
    // The budgets: two addresses, and the two real tokens; nothing else.
    expect(s.limiters.address.size().keys).toBe(2);
    expect(s.limiters.token.size().keys).toBe(2);
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});
