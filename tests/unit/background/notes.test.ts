import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshNotes } from '../../../src/background/notes';
import { loadTeamNotes, notesWaitUntil, saveTeamNotes } from '../../../src/platform/team-notes';
import { member } from '../core/vote-samples';
import { fakeBrowser } from '../fake-browser';

const now = new Date(2026, 11, 3, 12);
const note = { weekId: '2026-W47', theme: 'impact', text: 'Demos on Fridays.' } as const;
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

describe('reading the team’s notes', () => {
  it('asks with the invite and keeps what came', async () => {
    answering(() => Response.json({ notes: [note] }));
    await refreshNotes(member, now);
    expect(asked.map((a) => a.url)).toEqual(['https://pulse.example.org/v1/teams/squad/notes']);
    expect(new Headers(asked[0]?.init.headers).get('authorization')).toBe(`Bearer ${member.ingestToken}`);
    expect(await loadTeamNotes()).toEqual({ teamId: 'squad', fetchedAt: now.getTime(), notes: [note] });
  });

  it('keeps the last notes when the answer is a refusal or not notes', async () => {
    await saveTeamNotes({ teamId: 'squad', fetchedAt: 1, notes: [note] });
    answering(() => Response.json({ error: { message: 'no' } }, { status: 401 }));
    await refreshNotes(member, now);
    answering(() => Response.json({ notes: [{ text: '<b>' }] }));
    await refreshNotes(member, now);
    expect((await loadTeamNotes())?.fetchedAt).toBe(1);
  });

  it('reads none again before a 429’s or a 503’s Retry-After has passed, as stored', async () => {
    const HOUR = 3_600_000;
    await saveTeamNotes({ teamId: 'squad', fetchedAt: 1, notes: [note] });
    answering(() => Response.json({ error: { message: 'busy' } }, { status: 503, headers: { 'Retry-After': '7200' } }));
    await refreshNotes(member, now);
    const until = await notesWaitUntil('squad');
    expect(until - now.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
    expect(until - now.getTime()).toBeLessThan(3 * HOUR);
    expect(await notesWaitUntil('another-team')).toBe(0);

    answering(() => Response.json({ notes: [note] }));
    await refreshNotes(member, new Date(until - 1));
    expect(asked).toHaveLength(1);
    expect((await loadTeamNotes())?.fetchedAt).toBe(1);
    await refreshNotes(member, new Date(until));
    expect(asked).toHaveLength(2);
    expect((await loadTeamNotes())?.fetchedAt).toBe(until);

    // A 429 with a date: the same. Leaving the team forgets the wait with the notes.
    const later = new Date(until + HOUR);
    const date = new Date(later.getTime() + HOUR).toUTCString();
    answering(() => Response.json({ error: { message: 'slow' } }, { status: 429, headers: { 'Retry-After': date } }));
    await refreshNotes(member, later);
    expect((await notesWaitUntil('squad')) - later.getTime()).toBeGreaterThanOrEqual(HOUR);
    await saveTeamNotes(undefined);
    expect(await notesWaitUntil('squad')).toBe(0);
  });

  it('asks nothing without the host permission', async () => {
    fakeBrowser.current._state.origins.clear();
    answering(() => Response.json({ notes: [] }));
    await refreshNotes(member, now);
    expect(asked).toEqual([]);
  });
});
