import { describe, expect, it, vi } from 'vitest';
import {
  listenForNotificationClicks,
  NOTIFICATION_ID,
  notifyPulseWaiting,
  openPulseFromNotification,
} from '../../../src/background/notification';
import { pulseForWeek } from '../../../src/core/rotation';
import { allowNotifications } from '../../../src/platform/notifications';
import { fakeBrowser } from '../fake-browser';

describe('the reminder notification', () => {
  it('is not shown unless switched on (the optional permission granted)', async () => {
    expect(await notifyPulseWaiting('2026-W49')).toBe(false);
    expect(fakeBrowser.current._state.notifications.size).toBe(0);
  });

  it('says how many statements the week has, and how long they take', async () => {
    await allowNotifications();
    expect(await notifyPulseWaiting('2026-W49')).toBe(true);
    const count = pulseForWeek('2026-W49').questions.length;
    expect(fakeBrowser.current._state.notifications.get(NOTIFICATION_ID)).toEqual({
      title: 'Culture Pulse',
      message: `This week’s pulse: ${count} statements, 30 seconds`,
    });
  });

  it('opens the pulse when clicked: the toolbar popup, and clears the notification', async () => {
    await allowNotifications();
    await notifyPulseWaiting('2026-W49');
    listenForNotificationClicks();
    listenForNotificationClicks(); // again, as a start after a permission was added does: still one listener
    const state = fakeBrowser.current._state;
    expect(state.onNotificationClicked.listeners.size).toBe(1);
    for (const listener of state.onNotificationClicked.listeners) listener(NOTIFICATION_ID as never);
    await vi.waitFor(() => expect(state.popup.opened).toBe(1));
    expect(state.notifications.size).toBe(0);
    expect(state.windows).toEqual([]);
  });

  it('opens the pulse in a small window where the popup cannot be opened from the background', async () => {
    const state = fakeBrowser.current._state;
    state.popup.opens = false;
    await openPulseFromNotification(NOTIFICATION_ID);
    expect(state.windows).toEqual([{ url: expect.stringMatching(/src\/popup\/index\.html$/), type: 'popup' }]);
  });

  it('leaves other notifications alone', async () => {
    await openPulseFromNotification('something-else');
    const state = fakeBrowser.current._state;
    expect(state.popup.opened).toBe(0);
    expect(state.windows).toEqual([]);
  });
});
