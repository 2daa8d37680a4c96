/**
 * A personal team's vote in Firefox ESR, through the same steps as Chromium's
 * (tests/e2e/vote-steps.ts). The background is an event page here: it is unloaded after a short
 * idle time (pref), as it may be in real use. Headers measured in Firefox ESR 153: Priority and
 * Pragma / Cache-Control stay, as for an open team's week; no Authorization.
 */
import { describe } from 'vitest';
import { launchFirefox } from './firefox';
import { fromPuppeteer } from './steps';
import { personalVoteScenario } from './vote-steps';

describe('a personal team’s weekly vote in Firefox', () => {
  personalVoteScenario(
    async () => {
      const firefox = await launchFirefox({ idleUnloadMs: 2000 });
      return {
        open: async (path) => fromPuppeteer(await firefox.open(path)),
        // The permission prompt is accepted by a pref (tests/e2e/firefox.ts).
        allowHost: async () => {},
        // The event page is unloaded after 2 s idle (pref).
        stopBackground: () => firefox.backgroundUnloaded(),
        measures: async () => undefined,
        close: () => firefox.close(),
      };
    },
    {
      accept: '*/*',
      'accept-encoding': 'gzip',
      connection: 'close',
      priority: 'u=4',
      pragma: 'no-cache',
      'cache-control': 'no-cache',
    },
  );
});
