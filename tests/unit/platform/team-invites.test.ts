import { describe, expect, it } from 'vitest';
import { loadLatestTeamInvites, loadTeamInvites, saveTeamInvites } from '../../../src/platform/team-invites';
import { fakeBrowser } from '../fake-browser';
import { refusalAt } from '../schema-refusal';

describe('a personal team’s invite count kept for the pages', () => {
  it('is kept, read back for its own team only, and forgotten', async () => {
    expect(await loadTeamInvites('squad')).toBeUndefined();
    await saveTeamInvites({ teamId: 'squad', weekId: '2026-W49', invites: 6, fetchedAt: 1 });
    expect(await loadTeamInvites('squad')).toEqual({ teamId: 'squad', weekId: '2026-W49', invites: 6, fetchedAt: 1 });
    expect(await loadTeamInvites('apps')).toBeUndefined();
    // The popup reads whatever team this browser is in now (leaving clears it).
    expect((await loadLatestTeamInvites())?.invites).toBe(6);
    await saveTeamInvites(undefined);
    expect(await loadTeamInvites('squad')).toBeUndefined();
    expect(await loadLatestTeamInvites()).toBeUndefined();
  });

  it('is not shown when damaged, and never written so', async () => {
    fakeBrowser.current._state.local.set('teamInvites', {
      teamId: 'squad',
      weekId: '2026-W49',
      invites: '6',
      fetchedAt: 1,
    });
    expect(await loadTeamInvites('squad')).toBeUndefined();
    expect(await loadLatestTeamInvites()).toBeUndefined();
    await expect(saveTeamInvites({ teamId: 'squad', weekId: '2026-W49', invites: -1, fetchedAt: 1 })).rejects.toEqual(
      refusalAt(['invites'], 'too_small'),
    );
    expect(fakeBrowser.current._state.local.get('teamInvites')).toMatchObject({ invites: '6' });
  });
});
