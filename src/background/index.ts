/**
 * The service worker (an event page in Firefox). It may be stopped at any moment, so it keeps no
 * state in globals: every listener is added synchronously here, and each event reads what it
 * needs from storage. Every start re-checks the reminder alarm.
 */
import { browser, type Runtime } from '../platform/browser';
import { dispatch } from '../platform/messages';
import { handlers } from './handlers';
import { REMINDER_ALARM, refreshReminder } from './reminder';

browser.runtime.onInstalled.addListener(() => {
  void refreshReminder(new Date());
});
browser.runtime.onStartup.addListener(() => {
  void refreshReminder(new Date());
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REMINDER_ALARM) void refreshReminder(new Date());
});
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  dispatch(handlers, message, sender),
);

void refreshReminder(new Date());
