/**
 * For load balancers and supervisors, with no token and nothing about teams, data or versions:
 *
 *   GET /healthz   200 while the process serves requests (a liveness check)
 *   GET /readyz    200 when the store answers a read, else 503 with Retry-After (a readiness check)
 *
 * Ready means reads work: a store that is full or read-only still answers, and writes to it are
 * answered 503 one by one (store-faults.ts). Taking the endpoint out of rotation for that would
 * also stop the write that tells it the fault is over.
 */
import type { Hono } from 'hono';
import type { Bindings } from './http';
import type { Store } from './store';
import { StoreUnavailable } from './store-faults';

/** A readiness probe that fails is asked again soon; a store that cannot say why waits this long. */
const NOT_READY_RETRY_SECONDS = 5;

export function registerHealthRoutes(app: Hono<{ Bindings: Bindings }>, store: Store): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', (c) => c.json({ ok: true }, 200, noStore));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ ready: true }, 200, noStore);
    } catch (error) {
      // Whatever failed, the probe learns only that the store does not answer.
      const retryAfter = error instanceof StoreUnavailable ? error.retryAfterSeconds : NOT_READY_RETRY_SECONDS;
      return c.json({ error: { code: 'not_ready', message: 'The store does not answer yet.' } }, 503, {
        ...noStore,
        'Retry-After': String(retryAfter),
      });
    }
  });
}
