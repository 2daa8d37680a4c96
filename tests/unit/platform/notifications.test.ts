import { describe, expect, it } from 'vitest';
import { allowNotifications, notificationsAllowed, stopNotifications } from '../../../src/platform/notifications';
import { fakeBrowser } from '../fake-browser';

describe('notifications, as the browser’s optional permission', () => {
  it('are off until allowed, and off again once given back', async () => {
    expect(await notificationsAllowed()).toBe(false);
    expect(await allowNotifications()).toBe(true);
    expect(fakeBrowser.current._state.granted.has('notifications')).toBe(true);
    expect(await notificationsAllowed()).toBe(true);
    await stopNotifications();
    expect(await notificationsAllowed()).toBe(false);
  });
});
