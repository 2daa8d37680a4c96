import { describe, expect, it, vi } from 'vitest';
import { REMINDER_ALARM } from '../../../src/background/reminder';
import { fakeBrowser } from '../fake-browser';

describe('the background entry', () => {
  it('adds every listener synchronously at start, as a restarted service worker must', async () => {
    vi.resetModules();
    const loading = import('../../../src/background/index');
    await loading;
    const b = fakeBrowser.current;
    expect(b.runtime.onMessage.listeners.size).toBe(1);
    expect(b.alarms.onAlarm.listeners.size).toBe(1);
    expect(b.runtime.onInstalled.listeners.size).toBe(1);
    expect(b.runtime.onStartup.listeners.size).toBe(1);
  });

  it('re-checks the reminder alarm at every start', async () => {
    vi.resetModules();
    await import('../../../src/background/index');
    await vi.waitFor(() => expect(fakeBrowser.current._state.alarms.has(REMINDER_ALARM)).toBe(true));
  });
});
