import { describe, expect, it, vi } from 'vitest';
import { REMINDER_ALARM } from '../../../src/background/reminder';
import { SYNC_ALARM } from '../../../src/background/sync';
import { membershipFor } from '../../../src/core/team';
import { saveMembership } from '../../../src/platform/team-settings';
import { fakeBrowser } from '../fake-browser';

describe('the background entry', () => {
  it('adds every listener before it touches any browser API, as a restarted service worker must', async () => {
    vi.resetModules();
    await import('../../../src/background/index');
    const b = fakeBrowser.current;
    await vi.waitFor(() => expect(b._state.alarms.size).toBe(1));
    const log = b._state.log;
    const firstCall = log.findIndex((entry) => !entry.startsWith('listen '));
    expect(log.slice(0, firstCall).sort()).toEqual([
      'listen alarms.onAlarm',
      // Present once the optional permission is granted (the fake always has it).
      'listen notifications.onClicked',
      'listen permissions.onAdded',
      'listen permissions.onRemoved',
      'listen runtime.onInstalled',
      'listen runtime.onMessage',
      'listen runtime.onStartup',
      'listen storage.onChanged',
    ]);
    expect(log.slice(firstCall).some((entry) => entry.startsWith('listen '))).toBe(false);
  });

  it('re-checks the reminder alarm at every start', async () => {
    vi.resetModules();
    await import('../../../src/background/index');
    await vi.waitFor(() => expect(fakeBrowser.current._state.alarms.has(REMINDER_ALARM)).toBe(true));
  });

  it('re-checks the team outbox at every start, when a team was joined', async () => {
    const invite = { endpoint: 'https://pulse.example.org', teamId: 'platform', ingestToken: 'k'.repeat(43) };
    await saveMembership(membershipFor(invite, new Date(), null));
    vi.resetModules();
    await import('../../../src/background/index');
    await vi.waitFor(() => expect(fakeBrowser.current._state.alarms.has(SYNC_ALARM)).toBe(true));
  });
});
