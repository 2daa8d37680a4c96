/**
 * The reminder as a system notification, for engineers who switched it on (and so granted the
 * optional "notifications" permission): "This week's pulse: 4 statements, 30 seconds". Without the
 * permission nothing is shown and the badge alone reminds.
 */
import { pulseForWeek } from '../core/rotation';
import type { WeekId } from '../core/week';
import { browser } from '../platform/browser';
import { t } from '../platform/i18n';
import { notificationsAllowed } from '../platform/notifications';

export const NOTIFICATION_ID = 'weekly-pulse';

/** Shows this week's notification when allowed; says whether it did. Never throws: the badge is enough. */
export async function notifyPulseWaiting(weekId: WeekId): Promise<boolean> {
  try {
    if (!(await notificationsAllowed())) return false;
    await browser.notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('src/icons/icon-128.png'),
      title: t('extName'),
      message: t('bg_notifyPulse', pulseForWeek(weekId).questions.length),
    });
    return true;
  } catch (error) {
    console.error('Culture Pulse: could not show the reminder notification.', error);
    return false;
  }
}
