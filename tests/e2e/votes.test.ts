/**
 * A personal team's vote in the built extension, in real Chromium, against the real endpoint on a
 * real SQLite file (the steps are shared with Firefox: tests/e2e/vote-steps.ts). The vote's exact
 * headers, measured in Chromium 156: the same as an open team's week, without Authorization.
 */
import { describe } from 'vitest';
import { launchExtension } from './chromium';
import { fromPlaywright } from './steps';
import { personalVoteScenario } from './vote-steps';

describe('a personal team’s weekly vote in Chromium', () => {
  personalVoteScenario(
    async () => {
      const browser = await launchExtension();
      return {
        open: async (path) => fromPlaywright(await browser.open(path)),
        allowHost: (pattern) => browser.approveHost(pattern),
        stopBackground: () => browser.stopServiceWorker(),
        async measures() {
          const worker = await browser.worker();
          return worker.evaluate(() =>
            performance
              .getEntriesByType('measure')
              .filter((m) => m.name.startsWith('culture-pulse:'))
              .map((m) => ({ name: m.name, duration: Math.round(m.duration * 10) / 10 })),
          );
        },
        close: () => browser.close(),
      };
    },
    {
      connection: 'close',
      pragma: 'no-cache',
      'cache-control': 'no-cache',
      accept: '*/*',
      'accept-encoding': 'gzip',
    },
  );
});
