import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinTeam, leaveTeam, setNoise } from '../../../src/background/team';
import { RESEND_MIN_MS, RESEND_SPREAD_MS } from '../../../src/core/due-sends';
import { formatInvite } from '../../../src/core/invite';
import { requestRuleFor } from '../../../src/core/request-rule';
import { loadMembership } from '../../../src/platform/team-settings';
import { openPulseDb } from '../../../src/storage/db';
import { listOutbox, saveEntry } from '../../../src/storage/outbox';
import { waitingEntry } from '../core/samples';
import { fakeBrowser } from '../fake-browser';
import { pinnedClock } from '../pinned-clock';

const invite = { endpoint: 'https://pulse.example.org', teamId: 'platform', ingestToken: 'k'.repeat(43) };
const code = formatInvite(invite);
const now = new Date(2026, 10, 26, 12);

beforeEach(() => {
  vi.stubGlobal('fetch', async () => Response.json({ status: 'created' }, { status: 201 }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function outbox() {
  const db = await openPulseDb();
  try {
    return (await listOutbox(db, now)).value.map((e) => `${e.weekId} ${e.state}`);
  } finally {
    db.close();
  }
}

describe('joining and leaving a team', () => {
  it('joins only once the endpoint’s host was allowed', async () => {
    await expect(joinTeam(code, null, pinnedClock(now))).rejects.toThrow(/not allowed to reach pulse\.example\.org/);
    expect((await loadMembership()).value).toBeNull();
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    const status = await joinTeam(`Join us: https://example.org/join#${code}`, 3, pinnedClock(now));
    expect(status.team).toEqual({
      endpoint: 'https://pulse.example.org',
      teamId: 'platform',
      joinedWeek: '2026-W48',
      noiseEpsilon: 3,
      personal: false,
      name: null, // this invite names no team
    });
    expect(JSON.stringify(status)).not.toContain('k'.repeat(43)); // the token stays in the background
    // Joining wrote the rule that takes the browser's identifying headers off its requests.
    expect([...fakeBrowser.current._state.rules.values()]).toEqual([requestRuleFor(invite.endpoint)]);
  });

  it('joins nothing when the browser will not keep the request rule', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    fakeBrowser.current.declarativeNetRequest.updateDynamicRules = async () => {
      throw new Error('Internal error');
    };
    await expect(joinTeam(code, null, pinnedClock(now))).rejects.toThrow(
      /could not set up how it talks to pulse\.example\.org/,
    );
    expect((await loadMembership()).value).toBeNull();
  });

  it('says what is wrong with a bad invite, and joins nothing', async () => {
    await expect(joinTeam('cpulse1.bm9wZQ', null, pinnedClock(now))).rejects.toThrow(/damaged/);
    await expect(joinTeam('hello', null, pinnedClock(now))).rejects.toThrow(/not a Culture Pulse invite/);
    const plainHttp = formatInvite({ ...invite, endpoint: 'http://pulse.example.org' });
    await expect(joinTeam(plainHttp, null, pinnedClock(now))).rejects.toThrow(/must use https/);
    expect((await loadMembership()).value).toBeNull();
  });

  it('keeps the weeks agreed to when joining the same team again, and retries refused and overdue weeks at moments of their own', async () => {
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    await joinTeam(code, null, pinnedClock(new Date(2026, 10, 3)));
    const db = await openPulseDb();
    await saveEntry(db, waitingEntry('2026-W45', { state: 'refused', problem: 'Wrong token (HTTP 403)' }));
    await saveEntry(db, waitingEntry('2026-W46', { state: 'refused', problem: 'Wrong token (HTTP 403)' }));
    // Its moment passed while the host was not allowed.
    await saveEntry(db, waitingEntry('2026-W47', { sendAt: now.getTime() - 3_600_000, problem: 'Not allowed' }));
    db.close();
    const status = await joinTeam(formatInvite({ ...invite, ingestToken: 'r'.repeat(43) }), null, pinnedClock(now));
    expect(status.team?.joinedWeek).toBe('2026-W45');
    expect((await loadMembership()).value?.ingestToken).toBe('r'.repeat(43));
    // Not sent at once, together: each waits for a random moment of its own.
    expect(await outbox()).toEqual(['2026-W45 waiting', '2026-W46 waiting', '2026-W47 waiting']);
    const moments = status.weeks.map((w) => w.sendAt - now.getTime());
    for (const m of moments) {
      expect(m).toBeGreaterThanOrEqual(RESEND_MIN_MS);
      expect(m).toBeLessThan(RESEND_SPREAD_MS);
    }
    expect(new Set(moments).size).toBe(3);
    expect(status.weeks.map((w) => w.problem)).toEqual([null, null, null]);
  });

  it('leaving stops sending, drops unsent weeks, keeps the record of sent ones, and gives the permission back', async () => {
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    await joinTeam(code, null, pinnedClock(now));
    fakeBrowser.current._state.origins.delete('https://pulse.example.org/*'); // hold the weeks back
    const db = await openPulseDb();
    await saveEntry(db, waitingEntry('2026-W46', { state: 'sent' }));
    await saveEntry(db, waitingEntry('2026-W47'));
    db.close();
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    const status = await leaveTeam(pinnedClock(now));
    expect(status).toEqual({ team: null, votes: null, problem: null, weeks: [] });
    expect((await loadMembership()).value).toBeNull();
    expect(await outbox()).toEqual(['2026-W46 sent']);
    expect(fakeBrowser.current._state.origins.size).toBe(0);
    expect(fakeBrowser.current._state.rules.size).toBe(0);
  });

  it('changes noise for a member only', async () => {
    await expect(setNoise(2, pinnedClock(now))).rejects.toThrow(/Join a team first/);
    fakeBrowser.current._state.origins.add('https://pulse.example.org/*');
    await joinTeam(code, null, pinnedClock(now));
    expect((await setNoise(2, pinnedClock(now))).team?.noiseEpsilon).toBe(2);
  });
});
