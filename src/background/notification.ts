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

/**
 * Clicking the notification opens the pulse: the toolbar popup where the browser lets a background
 * open it, else the same page in a small window of its own.
 */
export async function openPulseFromNotification(id: string): Promise<void> {
  if (id !== NOTIFICATION_ID) return;
  await browser.notifications.clear(id).catch(() => false);
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL('src/popup/index.html'),
      type: 'popup',
      width: 380,
      height: 600,
    });
  }
}

/**
 * Listens for clicks on the notification. The notifications API exists only once the optional
 * permission is granted, so this runs at every start and again when a permission is added.
 */
export function listenForNotificationClicks(): void {
  const clicked = browser.notifications?.onClicked;
  if (clicked && !clicked.hasListener(onClicked)) clicked.addListener(onClicked);
}

function onClicked(id: string): void {
  openPulseFromNotification(id).catch((error: unknown) =>
    console.error('Culture Pulse: could not open the pulse from its notification.', error),
  );
}
