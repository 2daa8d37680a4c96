/** What the background answers to each message from the extension's pages. */
import { readClock } from '../platform/clock';
import type { Handlers } from '../platform/messages';
import { saveReminderSettings } from '../platform/settings';
import { reminderNow } from './reminder';
import { refreshSync } from './sync';
import { joinTeam, leaveTeam, setNoise } from './team';

export const handlers: Handlers = {
  'pulse-changed': async () => reminderNow(),
  'get-reminder-status': async () => reminderNow(),
  'save-reminder-settings': async (settings) => {
    await saveReminderSettings(settings);
    return reminderNow();
  },
  'get-sync-status': async () => refreshSync(await readClock()),
  'join-team': async ({ invite, noiseEpsilon }) => joinTeam(invite, noiseEpsilon, await readClock()),
  'leave-team': async () => leaveTeam(await readClock()),
  'set-noise': async ({ noiseEpsilon }) => setNoise(noiseEpsilon, await readClock()),
};
