import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src/background/handlers';
import { fakeBrowser } from '../fake-browser';

describe('background handlers', () => {
  it('saves reminder settings and answers with the new status', async () => {
    const status = await handlers['save-reminder-settings']({ enabled: true, weekday: 1, minuteOfDay: 600 });
    expect(status.enabled).toBe(true);
    expect(new Date(status.reminderAt).getDay()).toBe(1);
    expect(fakeBrowser.current._state.local.get('reminderSettings')).toEqual({
      enabled: true,
      weekday: 1,
      minuteOfDay: 600,
    });
  });

  it('reports the status without changing settings', async () => {
    const status = await handlers['get-reminder-status']({});
    expect(status.enabled).toBe(true);
    expect(fakeBrowser.current._state.local.has('reminderSettings')).toBe(false);
  });
});
