/**
 * An open team's sync in Firefox ESR, through the same steps as Chromium's
 * (tests/e2e/sync-steps.ts). The background is an event page here: it is unloaded after a short
 * idle time (pref), as it may be in real use. The exact headers, measured in Firefox ESR 153: no
 * Origin (moz-extension://<uuid>, random per install), no Accept-Language, no Sec-Fetch-*, no
 * cookie; one User-Agent and one Accept-Encoding. What Firefox keeps whatever the rule says:
 * Priority (u=4 for every extension fetch) and Pragma / Cache-Control (from cache: 'no-store'), the
 * same for every Firefox; their presence and the header order tell Firefox from Chromium, and
 * nothing more.
 */
import { describe } from 'vitest';
import { INGEST } from '../server/harness';
import { launchFirefox } from './firefox';
import { fromPuppeteer } from './steps';
import { type SyncDriver, syncScenario } from './sync-steps';

async function launch(): Promise<SyncDriver> {
  const firefox = await launchFirefox({ idleUnloadMs: 2000 });
  return {
    extensionHost: new URL(firefox.origin).host,
    // Firefox's own consent, asked for with the host on the join's click.
    dataCollection: ['technicalAndInteraction'],
    open: async (path) => fromPuppeteer(await firefox.open(path)),
    // The permission prompt is accepted by a pref (tests/e2e/firefox.ts).
    allowHost: async () => {},
    // The event page is unloaded after 2 s idle (pref).
    stopBackground: () => firefox.backgroundUnloaded(),
    close: () => firefox.close(),
  };
}

describe('anonymous team sync in Firefox', () => {
  syncScenario(launch, {
    accept: '*/*',
    'accept-encoding': 'gzip',
    authorization: `Bearer ${INGEST}`,
    connection: 'close',
    priority: 'u=4',
    pragma: 'no-cache',
    'cache-control': 'no-cache',
  });
});
