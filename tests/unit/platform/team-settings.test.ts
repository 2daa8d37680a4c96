import { describe, expect, it } from 'vitest';
import { membershipFor } from '../../../src/core/team';
import { deviceSecret, loadMembership, saveMembership } from '../../../src/platform/team-settings';
import { fakeBrowser } from '../fake-browser';

const invite = { endpoint: 'https://pulse.example.org', teamId: 'platform', ingestToken: 'k'.repeat(43) };

describe('team settings', () => {
  it('keeps, reads back and forgets the membership', async () => {
    expect(await loadMembership()).toEqual({ value: null });
    const m = membershipFor(invite, new Date(2026, 10, 26), 3);
    await saveMembership(m);
    expect(await loadMembership()).toEqual({ value: m });
    await saveMembership(null);
    expect(await loadMembership()).toEqual({ value: null });
  });

  it('sends nothing for a stored membership it cannot read, and says why', async () => {
    fakeBrowser.current._state.local.set('team', { endpoint: 'http://pulse.example.org', teamId: 'platform' });
    const loaded = await loadMembership();
    expect(loaded.value).toBeNull();
    expect(loaded.problem).toMatch(/could not be read[\s\S]*join again/);
  });

  it('makes the device secret once and keeps it', async () => {
    const first = await deviceSecret();
    expect(first).toHaveLength(32);
    expect(await deviceSecret()).toEqual(first);
    fakeBrowser.current._state.local.set('deviceSecret', 'not hex');
    expect(await deviceSecret()).not.toEqual(first); // a damaged secret is replaced, not used
  });
});
