/**
 * The service worker (an event page in Firefox). It may be stopped at any moment, so it keeps no
 * state in globals: every listener is added synchronously here, and each event reads what it
 * needs from storage. Every start re-checks the reminder alarm, the team-sync outbox and the
 * request rule (a sync run writes it again if it went missing).
 */
import { browser, type Runtime } from '../platform/browser';
import { movesClock, readClock } from '../platform/clock';
import { dispatch } from '../platform/messages';
import { handlers } from './handlers';
import { listenForNotificationClicks } from './notification';
import { REMINDER_ALARM, reminderNow } from './reminder';
import { refreshSync, SYNC_ALARM } from './sync';
import { welcomeOnInstall } from './welcome';

function refreshAll(): void {
  void reminderNow();
  void syncNow();
}

async function syncNow(): Promise<void> {
  try {
    await refreshSync(await readClock());
  } catch (error) {
    console.error('Culture Pulse: team sync failed; it runs again at the next start or alarm.', error);
  }
}

browser.runtime.onInstalled.addListener((details) => {
  refreshAll();
  void welcomeOnInstall(details);
});
browser.runtime.onStartup.addListener(refreshAll);
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REMINDER_ALARM) void reminderNow();
  if (alarm.name === SYNC_ALARM) void syncNow();
});
// Granted or withdrawn in the browser's own settings: send now, or stop and say why.
browser.permissions.onAdded.addListener(() => {
  listenForNotificationClicks();
  void syncNow();
});
browser.permissions.onRemoved.addListener(() => void syncNow());
// A development install's test clock moved (see platform/clock): act at the new time.
browser.storage.onChanged.addListener((changes, area) => {
  if (movesClock(changes, area)) refreshAll();
});
listenForNotificationClicks();
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  dispatch(handlers, message, sender),
);

refreshAll();
