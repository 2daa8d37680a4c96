import { describe, expect, it, vi } from 'vitest';
import { REMINDER_ALARM } from '../../../src/background/reminder';
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
      'listen runtime.onInstalled',
      'listen runtime.onMessage',
      'listen runtime.onStartup',
    ]);
    expect(log.slice(firstCall).some((entry) => entry.startsWith('listen '))).toBe(false);
  });

  it('re-checks the reminder alarm at every start', async () => {
    vi.resetModules();
    await import('../../../src/background/index');
    await vi.waitFor(() => expect(fakeBrowser.current._state.alarms.has(REMINDER_ALARM)).toBe(true));
  });
});
