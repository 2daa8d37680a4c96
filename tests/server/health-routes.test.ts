/** /healthz and /readyz on both stores: no token, nothing told but up and ready, 503 when the store is gone. */
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import type { Store } from '../../src/server/store';
import { startServer } from './harness';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';

async function probe(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    body: await response.json(),
    cache: response.headers.get('cache-control'),
    retryAfter: response.headers.get('retry-after'),
  };
}

function healthChecks(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>) {
  describe(`health on ${name}`, () => {
    it('says up and ready without a token, and nothing else', async () => {
      const { store, dispose } = await open();
      const server = await startServer({ store });
      try {
        expect(await probe(`${server.url}/healthz`)).toEqual({
          status: 200,
          body: { ok: true },
          cache: 'no-store',
          retryAfter: null,
        });
        expect(await probe(`${server.url}/readyz`)).toEqual({
          status: 200,
          body: { ready: true },
          cache: 'no-store',
          retryAfter: null,
        });
        const headers = [...(await fetch(`${server.url}/readyz`)).headers.keys()].sort();
        expect(headers).toEqual([
          'cache-control',
          'connection',
          'content-length',
          'content-type',
          'date',
          'keep-alive',
        ]);
      } finally {
        await server.close();
        await dispose();
      }
    });

    it('is not ready once the store stops answering, and still up', async () => {
      const { store, dispose } = await open();
      const server = await startServer({ store });
      try {
        await store.close();
        const ready = await probe(`${server.url}/readyz`);
        expect(ready).toEqual({
          status: 503,
          body: { error: { code: 'not_ready', message: 'The store does not answer yet.' } },
          cache: 'no-store',
          retryAfter: '5',
        });
        expect((await probe(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        // The store is closed already: the server is closed around it.
        await server.close().catch(() => undefined);
        await dispose();
      }
    });
  });
}

healthChecks('SQLite', async () => ({
  store: await import('../../src/server/sqlite-store').then((m) => m.openSqliteStore(':memory:')),
  dispose: async () => undefined,
}));

healthChecks('PostgreSQL', async () => {
  const schema = freshSchema();
  return { store: await openPostgresStore(testDatabaseUrl(), schema), dispose: () => dropSchema(schema) };
});
