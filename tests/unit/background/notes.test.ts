import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshNotes } from '../../../src/background/notes';
import { loadTeamNotes, saveTeamNotes } from '../../../src/platform/team-notes';
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

  it('asks nothing without the host permission', async () => {
    fakeBrowser.current._state.origins.clear();
    answering(() => Response.json({ notes: [] }));
    await refreshNotes(member, now);
    expect(asked).toEqual([]);
  });
});
