import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextWakeUp, refreshSync, SYNC_ALARM } from '../../../src/background/sync';
import { RESEND_MIN_MS, RESEND_SPREAD_MS } from '../../../src/core/due-sends';
import { requestRuleFor } from '../../../src/core/request-rule';
import { submissionSchema } from '../../../src/core/submission';
import { membershipFor } from '../../../src/core/team';
import { weekEnd } from '../../../src/core/week';
import { loadTeamNotes } from '../../../src/platform/team-notes';
import { saveMembership } from '../../../src/platform/team-settings';
import { openPulseDb } from '../../../src/storage/db';
import { listOutbox, saveEntry } from '../../../src/storage/outbox';
import { samplePulse, waitingEntry } from '../core/samples';
import { fakeBrowser } from '../fake-browser';
import { pinnedClock } from '../pinned-clock';

const invite = { endpoint: 'http://127.0.0.1:8787', teamId: 'platform', ingestToken: 'k'.repeat(43) };
const joinedOn = new Date(2026, 10, 17, 9); // Tuesday of 2026-W47
const afterSpread = new Date(2026, 10, 26, 12); // Thursday of 2026-W48: W47's send moment has passed
const COMMENT = 'Our on-call rota is burning people out';

interface Sent {
  url: string;
  init: RequestInit;
}
let sent: Sent[];
let answer: () => Promise<Response>;
let notesFetched: number;
/** Every request in order ("POST …" / "GET …"), with whether the request rule was in place then. */
let requests: string[];

beforeEach(async () => {
  sent = [];
  answer = async () => Response.json({ status: 'created' }, { status: 201 });
  requests = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const ruled = fakeBrowser.current._state.rules.size === 1 ? 'with rule' : 'WITHOUT RULE';
    requests.push(`${init.method ?? 'GET'} ${new URL(url).pathname} ${ruled}`);
    if (url.endsWith('/notes')) {
      notesFetched++;
      return Response.json({ notes: [{ weekId: '2026-W46', theme: 'choice', text: 'We heard you.' }] });
    }
    sent.push({ url, init });
    return answer();
  });
  notesFetched = 0;
  fakeBrowser.current._state.origins.add('http://127.0.0.1/*');
  await saveMembership(membershipFor(invite, joinedOn, null));
  const db = await openPulseDb();
  await db.put('pulses', samplePulse('2026-W46')); // before joining: never sent
  await db.put('pulses', samplePulse('2026-W47', { comment: COMMENT }));
  await db.put('pulses', samplePulse('2026-W48', { comment: COMMENT })); // still open
  db.close();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** When the sync alarm is set for (the pinned clock books alarms at the moment itself). */
function alarmAt(): number {
  return fakeBrowser.current._state.alarms.get(SYNC_ALARM)?.scheduledTime ?? Number.NaN;
}

async function entries() {
  const db = await openPulseDb();
  try {
    return (await listOutbox(db, afterSpread)).value;
  } finally {
    db.close();
  }
}

describe('team sync', () => {
  it('sends a closed week once: its scores only, with the ingest token and no cookies', async () => {
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.url).toBe('http://127.0.0.1:8787/v1/teams/platform/submissions');
    expect(request?.init).toMatchObject({ method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(new Headers(request?.init.headers).get('authorization')).toBe(`Bearer ${'k'.repeat(43)}`);
    const body = String(request?.init.body);
    expect(body).not.toContain('burning');
    const parsed = submissionSchema.parse(JSON.parse(body));
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'submissionId', 'teamId', 'weekId']);
    expect(parsed.weekId).toBe('2026-W47');
    expect(status.weeks).toEqual([
      { weekId: '2026-W47', state: 'sent', sendAt: afterSpread.getTime(), problem: null, noised: false },
    ]);

    await refreshSync(pinnedClock(new Date(afterSpread.getTime() + 3600_000)));
    expect(sent).toHaveLength(1);
  });

  it('waits for the random moment after the week closes, and for the week to close', async () => {
    // The crypto RNG drawing 0.5: the first send is a day and a half after the week closes.
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint32Array) array.fill(2 ** 31);
      return array;
    });
    const sunday = new Date(weekEnd('2026-W47').getTime() - 1000);
    await refreshSync(pinnedClock(sunday));
    expect(await entries()).toEqual([]); // W47 is still open
    expect(alarmAt()).toBe(sunday.getTime() + 1000);

    const monday = new Date(weekEnd('2026-W47').getTime() + 1000);
    await refreshSync(pinnedClock(monday));
    const [entry] = await entries();
    expect(entry?.sendAt).toBe(weekEnd('2026-W47').getTime() + 1.5 * 24 * 3600_000);
    expect(sent).toHaveLength(0);
    expect(alarmAt()).toBe(entry?.sendAt);
  });

  it('keeps a week through failures and retries the same bytes later', async () => {
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    const down = await refreshSync(pinnedClock(afterSpread));
    const [waiting] = await entries();
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(waiting?.problem).toMatch(/could not be reached/);
    expect(down.weeks[0]?.state).toBe('waiting');
    expect(alarmAt()).toBe(waiting?.sendAt);

    answer = async () => Response.json({ error: { message: 'busy' } }, { status: 503 });
    await refreshSync(pinnedClock(new Date(waiting?.sendAt ?? 0)));
    const [again] = await entries();
    expect(again).toMatchObject({ state: 'waiting', attempts: 2 });

    answer = async () => Response.json({ status: 'replaced' }, { status: 200 });
    await refreshSync(pinnedClock(new Date(again?.sendAt ?? 0)));
    expect((await entries())[0]?.state).toBe('sent');
    expect(new Set(sent.map((s) => s.init.body)).size).toBe(1);
    expect(sent).toHaveLength(3);
  });

  it('sends a week again no sooner than a 429’s or a 503’s Retry-After, and wakes for it', async () => {
    const HOUR = 3_600_000;
    answer = async () =>
      Response.json({ error: { message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '14400' } });
    await refreshSync(pinnedClock(afterSpread));
    const [limited] = await entries();
    expect(limited).toMatchObject({ state: 'waiting', attempts: 1 });
    expect((limited?.sendAt ?? 0) - afterSpread.getTime()).toBeGreaterThanOrEqual(4 * HOUR);
    expect((limited?.sendAt ?? 0) - afterSpread.getTime()).toBeLessThan(6 * HOUR);
    expect(alarmAt()).toBe(limited?.sendAt);

    // A run before that moment sends nothing; at it, a 503 asking for more than a day waits a day (and its spread).
    await refreshSync(pinnedClock(new Date((limited?.sendAt ?? 0) - 1)));
    expect(sent).toHaveLength(1);
    const tried = new Date(limited?.sendAt ?? 0);
    answer = async () =>
      Response.json({ error: { message: 'down' } }, { status: 503, headers: { 'Retry-After': '999999999' } });
    await refreshSync(pinnedClock(tried));
    const [down] = await entries();
    expect(sent).toHaveLength(2);
    expect((down?.sendAt ?? 0) - tried.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect((down?.sendAt ?? 0) - tried.getTime()).toBeLessThan(36 * HOUR);
  });

  it('reads a Retry-After on a 500 as no ask: the backoff decides', async () => {
    answer = async () =>
      Response.json({ error: { message: 'oops' } }, { status: 500, headers: { 'Retry-After': '14400' } });
    await refreshSync(pinnedClock(afterSpread));
    const [waiting] = await entries();
    expect((waiting?.sendAt ?? 0) - afterSpread.getTime()).toBeLessThanOrEqual(6.25 * 60_000);
  });

  it('keeps a week the endpoint had already released, and says it arrived too late', async () => {
    answer = async () =>
      Response.json({ error: { code: 'week_released', message: 'Week 2026-W47 was released.' } }, { status: 409 });
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(status.weeks[0]).toMatchObject({ state: 'late', problem: 'Week 2026-W47 was released. (HTTP 409)' });
    await refreshSync(pinnedClock(new Date(afterSpread.getTime() + 86_400_000)));
    expect(sent).toHaveLength(1);
  });

  it('queues but sends nothing without the host permission, and says why', async () => {
    fakeBrowser.current._state.origins.clear();
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(sent).toHaveLength(0);
    expect(status.weeks.map((w) => w.state)).toEqual(['waiting']);
    expect(status.problem).toMatch(/may not reach 127\.0\.0\.1:8787/);
  });

  it('never queues a week that came from an imported file: its own browser may send it', async () => {
    const db = await openPulseDb();
    await db.put('pulses', samplePulse('2026-W47', { comment: COMMENT, importedAt: joinedOn.getTime() }));
    db.close();
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(status.weeks).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('sends nothing and sets no alarm without a team', async () => {
    await saveMembership(null);
    expect(await refreshSync(pinnedClock(afterSpread))).toEqual({ team: null, votes: null, problem: null, weeks: [] });
    expect(sent).toHaveLength(0);
    expect(fakeBrowser.current._state.alarms.has(SYNC_ALARM)).toBe(false);
  });

  it('adds the chosen noise once, and marks the week as noised', async () => {
    await saveMembership(membershipFor(invite, joinedOn, 2));
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(status.weeks[0]).toMatchObject({ state: 'sent', noised: true });
    expect(submissionSchema.safeParse(JSON.parse(String(sent[0]?.init.body))).success).toBe(true);
  });

  it('wakes for the earliest waiting send, or at the end of the week', () => {
    const now = afterSpread;
    const end = weekEnd('2026-W48').getTime();
    expect(nextWakeUp([], now, true).getTime()).toBe(end);
    const soon = waitingEntry('2026-W47', { sendAt: now.getTime() + 60_000 });
    expect(nextWakeUp([soon], now, true).getTime()).toBe(now.getTime() + 60_000);
    expect(nextWakeUp([soon], now, false).getTime()).toBe(end);
    expect(nextWakeUp([{ ...soon, state: 'sent' }], now, true).getTime()).toBe(end);
    const overdue = waitingEntry('2026-W47', { sendAt: 0 });
    expect(nextWakeUp([overdue], now, true).getTime()).toBeGreaterThan(now.getTime());
  });

  it('sends nothing twice when two refreshes run at once', async () => {
    await Promise.all([
      refreshSync(pinnedClock(afterSpread)),
      refreshSync(pinnedClock(afterSpread)),
      refreshSync(pinnedClock(afterSpread)),
    ]);
    expect(sent).toHaveLength(1);
  });

  it('leaves an entry of another team alone', async () => {
    const db = await openPulseDb();
    await saveEntry(db, { ...waitingEntry('2026-W47', { sendAt: 0 }), teamId: 'apps' });
    db.close();
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(sent.map((s) => s.url)).toEqual(['http://127.0.0.1:8787/v1/teams/platform/submissions']);
    expect(status.weeks).toHaveLength(1);
  });

  it('reads the team’s notes right after a week is sent, in the same run, and at no other time', async () => {
    await refreshSync(pinnedClock(afterSpread));
    expect(requests).toEqual([
      'POST /v1/teams/platform/submissions with rule',
      'GET /v1/teams/platform/notes with rule',
    ]);
    expect(await loadTeamNotes()).toEqual({
      teamId: 'platform',
      fetchedAt: afterSpread.getTime(),
      notes: [{ weekId: '2026-W46', theme: 'choice', text: 'We heard you.' }],
    });
    // Hours and days later, with nothing to send, nothing is asked for: no cycle of its own.
    for (const hours of [1, 7, 24, 72])
      await refreshSync(pinnedClock(new Date(afterSpread.getTime() + hours * 3600_000)));
    expect(requests).toHaveLength(2);
    expect(notesFetched).toBe(1);
  });

  it('reads no notes when the send did not reach the endpoint', async () => {
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    await refreshSync(pinnedClock(afterSpread));
    expect(requests).toEqual(['POST /v1/teams/platform/submissions with rule']);
    expect(await loadTeamNotes()).toBeUndefined();
  });

  it('asks for the permission again before each request, and stops when it is gone', async () => {
    answer = async () => {
      // Withdrawn in the browser's settings while the week was on its way.
      fakeBrowser.current._state.origins.clear();
      return Response.json({ status: 'created' }, { status: 201 });
    };
    await refreshSync(pinnedClock(afterSpread));
    expect(requests).toEqual(['POST /v1/teams/platform/submissions with rule']);
  });

  it('sends one week per run when several are due, each other one at a fresh random moment of its own', async () => {
    const db = await openPulseDb();
    // Weeks held back (the browser closed for days, or refused under an old token): all due now.
    await saveEntry(db, waitingEntry('2026-W45', { sendAt: afterSpread.getTime() - 5 * 86_400_000 }));
    await saveEntry(db, waitingEntry('2026-W46', { sendAt: afterSpread.getTime() - 2 * 86_400_000 }));
    db.close();
    const first = await refreshSync(pinnedClock(afterSpread));
    expect(requests).toEqual([
      'POST /v1/teams/platform/submissions with rule',
      'GET /v1/teams/platform/notes with rule',
    ]);
    expect(JSON.parse(String(sent[0]?.init.body)).weekId).toBe('2026-W45');
    const waiting = first.weeks.filter((w) => w.state === 'waiting');
    expect(waiting.map((w) => w.weekId)).toEqual(['2026-W46', '2026-W47']);
    for (const w of waiting) {
      expect(w.sendAt - afterSpread.getTime()).toBeGreaterThanOrEqual(RESEND_MIN_MS);
      expect(w.sendAt - afterSpread.getTime()).toBeLessThan(RESEND_SPREAD_MS);
    }
    expect(waiting[0]?.sendAt).not.toBe(waiting[1]?.sendAt);
    // The alarm wakes the worker for the earlier of the two, which then goes alone.
    const next = Math.min(...waiting.map((w) => w.sendAt));
    expect(alarmAt()).toBe(next);
    const second = await refreshSync(pinnedClock(new Date(next)));
    expect(sent).toHaveLength(2);
    expect(second.weeks.filter((w) => w.state === 'waiting')).toHaveLength(1);
    const last = second.weeks.find((w) => w.state === 'waiting');
    await refreshSync(pinnedClock(new Date(last?.sendAt ?? 0)));
    expect(sent.map((s) => JSON.parse(String(s.init.body)).weekId).sort()).toEqual([
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ]);
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(3);
  });

  it('writes the request rule before sending, and puts it back at every run when it went missing', async () => {
    await refreshSync(pinnedClock(new Date(afterSpread.getTime() - 8 * 86_400_000))); // nothing to send yet
    expect([...fakeBrowser.current._state.rules.values()]).toEqual([requestRuleFor(invite.endpoint)]);
    fakeBrowser.current._state.rules.clear();
    await refreshSync(pinnedClock(afterSpread));
    expect(requests.every((r) => r.endsWith('with rule'))).toBe(true);
    expect(requests).toHaveLength(2);
    expect([...fakeBrowser.current._state.rules.values()]).toEqual([requestRuleFor(invite.endpoint)]);
  });

  it('sends nothing, and says why, when the browser will not keep the request rule', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakeBrowser.current.declarativeNetRequest.updateDynamicRules = async () => {
      throw new Error('Internal error');
    };
    const status = await refreshSync(pinnedClock(afterSpread));
    expect(requests).toEqual([]);
    expect(status.weeks.map((w) => w.state)).toEqual(['waiting']);
    expect(status.problem).toMatch(/could not set up how it talks to 127\.0\.0\.1:8787/);
  });

  it('removes the request rule when no team is joined', async () => {
    await refreshSync(pinnedClock(afterSpread));
    expect(fakeBrowser.current._state.rules.size).toBe(1);
    await saveMembership(null);
    await refreshSync(pinnedClock(afterSpread));
    expect(fakeBrowser.current._state.rules.size).toBe(0);
  });
});
