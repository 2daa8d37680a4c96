/** What the background answers to each message from the extension's pages. */
import type { Handlers } from '../platform/messages';
import { saveReminderSettings } from '../platform/settings';
import { refreshReminder } from './reminder';

export const handlers: Handlers = {
  'pulse-changed': async () => refreshReminder(new Date()),
  'get-reminder-status': async () => refreshReminder(new Date()),
  'save-reminder-settings': async (settings) => {
    await saveReminderSettings(settings);
    return refreshReminder(new Date());
  },
};
