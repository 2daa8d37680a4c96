import { describe, expect, it } from 'vitest';
import {
  loadTeamNotes,
  notesWaitUntil,
  recentNotes,
  saveNotesWait,
  saveTeamNotes,
} from '../../../src/platform/team-notes';
import { fakeBrowser } from '../fake-browser';

const notes = [
  { weekId: '2026-W40', theme: 'impact', text: 'a' },
  { weekId: '2026-W46', theme: 'choice', text: 'b' },
  { weekId: '2026-W44', theme: 'improvement', text: 'c' },
  { weekId: '2026-W45', theme: 'impact', text: 'd' },
] as const;

describe('team notes kept for the popup', () => {
  it('are kept, read back and forgotten', async () => {
    expect(await loadTeamNotes()).toBeUndefined();
    await saveTeamNotes({ teamId: 'platform', fetchedAt: 1, notes: [...notes] });
    expect((await loadTeamNotes())?.notes).toHaveLength(4);
    await saveTeamNotes(undefined);
    expect(await loadTeamNotes()).toBeUndefined();
  });

  it('keep the endpoint’s ask to wait for one team, until forgotten with the notes', async () => {
    expect(await notesWaitUntil('platform')).toBe(0);
    await saveNotesWait({ teamId: 'platform', until: 5000 });
    expect(await notesWaitUntil('platform')).toBe(5000);
    expect(await notesWaitUntil('apps')).toBe(0);
    fakeBrowser.current._state.local.set('teamNotesWait', { teamId: 'platform', until: 'soon' });
    expect(await notesWaitUntil('platform')).toBe(0);
    await saveNotesWait({ teamId: 'platform', until: 5000 });
    await saveTeamNotes(undefined);
    expect(await notesWaitUntil('platform')).toBe(0);
  });

  it('are not shown when damaged', async () => {
    fakeBrowser.current._state.local.set('teamNotes', { teamId: 'platform', fetchedAt: 1, notes: [{ text: 1 }] });
    expect(await loadTeamNotes()).toBeUndefined();
  });

  it('show the newest few first', () => {
    expect(recentNotes(notes, '2026-W46').map((n) => n.text)).toEqual(['b', 'd', 'c']);
  });

  it('show only the last 8 weeks’ notes, this week’s included', () => {
    // W40 is the 8th week back from W47; W39 (an older note) would be the 9th.
    expect(recentNotes(notes, '2026-W47', 10).map((n) => n.text)).toEqual(['b', 'd', 'c', 'a']);
    expect(recentNotes(notes, '2026-W48', 10).map((n) => n.text)).toEqual(['b', 'd', 'c']);
    expect(recentNotes(notes, '2027-W30')).toEqual([]);
  });
});
