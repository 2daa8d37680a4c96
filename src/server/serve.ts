/**
 * Serving the endpoint: the app on a store, listening where the settings say, until closed. Used
 * by `npm run server` (main.ts) and by `npm start`, so both run the same server.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { rateLimiter } from './rate-limit';
import { releaseAllDue } from './releases';
import type { Store } from './store';
import { StoreUnavailable } from './store-faults';
import { ensureAllWeekKeys } from './team-keys';
import { forwardedAddress } from './trusted-proxies';

/** How often a running server releases weeks whose window has ended, even if nobody looks. */
const SWEEP_EVERY_MS = 5 * 60_000;

export interface RunningEndpoint {
  /** Where it listens, e.g. http://127.0.0.1:8787 */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveEndpoint(
  store: Store,
  config: Pick<
    ServerConfig,
    'host' | 'port' | 'collectionDays' | 'maxBodyBytes' | 'ingestPerMinute' | 'refusedPerMinute' | 'trustedProxies'
  >,
): Promise<RunningEndpoint> {
  // Released weeks are stored as soon as they are due, before the first request and then every few
  // minutes: a week released under today's settings stays released under tomorrow's.
  // Personal teams' week keys are made ahead in the same sweep (a key takes a tenth of a second).
  const sweep = async () => {
    const now = new Date();
    await releaseAllDue(store, { now, collectionDays: config.collectionDays });
    await ensureAllWeekKeys(store, now);
  };
  await sweep();
  const sweeping = setInterval(() => {
    sweep().catch((error: unknown) => {
      // A store fault is named once where it is noticed (store-faults.ts), not every sweep.
      if (error instanceof StoreUnavailable) return;
      console.error('Culture Pulse: releasing due weeks or making keys failed; the next sweep tries again.', error);
    });
  }, SWEEP_EVERY_MS);
  sweeping.unref();
  const app = createApp({
    store,
    collectionDays: config.collectionDays,
    maxBodyBytes: config.maxBodyBytes,
    tokenLimiter: rateLimiter({ perMinute: config.ingestPerMinute, burst: Math.max(10, config.ingestPerMinute / 6) }),
    addressLimiter: rateLimiter({
      perMinute: config.refusedPerMinute,
      burst: Math.max(5, config.refusedPerMinute / 2),
    }),
    globalLimiter: rateLimiter({ perMinute: Math.max(60 * 60_000, config.ingestPerMinute * 10), burst: 60_000 }),
    ...(config.trustedProxies ? { addressOf: forwardedAddress(config.trustedProxies) } : {}),
  });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => {
      clearInterval(sweeping);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
