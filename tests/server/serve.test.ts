import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/server/config';
import { serveEndpoint } from '../../src/server/serve';
import { openSqliteStore } from '../../src/server/sqlite-store';

describe('serveEndpoint', () => {
  it('listens where asked, answers, and refuses a port already taken', async () => {
    const store = openSqliteStore(':memory:');
    const config = { ...configFromEnv({}), port: 0 };
    const endpoint = await serveEndpoint(store, config);
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${endpoint.url}/v1/health`)).json()).toEqual({ ok: true });
    const port = Number(new URL(endpoint.url).port);
    await expect(serveEndpoint(store, { ...config, port })).rejects.toThrow(/EADDRINUSE/);
    await endpoint.close();
    await store.close();
  });
});
