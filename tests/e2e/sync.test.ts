/**
 * An open team's sync in real Chromium, against the real endpoint on 127.0.0.1 (the steps are
 * shared with Firefox: tests/e2e/sync-steps.ts). The exact headers, measured in Chromium 156: no
 * Origin (chrome-extension://<id>), no Accept-Language, no Sec-Fetch-*, no cookie; one User-Agent
 * and one Accept-Encoding for every install. Pragma and Cache-Control (from cache: 'no-store')
 * cannot be taken off in Chromium; they are the same for everyone.
 */
import { describe } from 'vitest';
import { INGEST } from '../server/harness';
import { launchExtension } from './chromium';
import { fromPlaywright } from './steps';
import { syncScenario } from './sync-steps';

describe('anonymous team sync in Chromium', () => {
  syncScenario(
    async () => {
      const browser = await launchExtension();
      return {
        extensionHost: browser.extensionId,
        dataCollection: undefined,
        open: async (path) => fromPlaywright(await browser.open(path)),
        allowHost: (pattern) => browser.approveHost(pattern),
        stopBackground: () => browser.stopServiceWorker(),
        close: () => browser.close(),
      };
    },
    {
      connection: 'close',
      pragma: 'no-cache',
      'cache-control': 'no-cache',
      authorization: `Bearer ${INGEST}`,
      accept: '*/*',
      'accept-encoding': 'gzip',
    },
  );
});
