import { describe, expect, it } from 'vitest';
import { NOTIFICATION_ID, notifyPulseWaiting } from '../../../src/background/notification';
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
});
