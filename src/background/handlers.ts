/** What the background answers to each message from the extension's pages. */
import { now } from '../platform/clock';
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
  'get-sync-status': async () => refreshSync(await now()),
  'join-team': async ({ invite, noiseEpsilon }) => joinTeam(invite, noiseEpsilon, await now()),
  'leave-team': async () => leaveTeam(await now()),
  'set-noise': async ({ noiseEpsilon }) => setNoise(noiseEpsilon, await now()),
};
