/** The same endpoint over real HTTP with PostgreSQL behind it: ingest, retry, release, suppression. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import { type Running, startServer } from './harness';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { submission } from './store-contract';

const schema = freshSchema();
let server: Running;
beforeAll(async () => {
  server = await startServer({ store: await openPostgresStore(testDatabaseUrl(), schema) });
});
afterAll(async () => {
  await server?.close();
  await dropSchema(schema);
});

describe('endpoint on PostgreSQL', () => {
  it('ingests, replaces on retry, and refuses a released week', async () => {
    const path = '/v1/teams/platform/submissions';
    expect((await server.post(path, submission('platform', '2026-W47', 1, 2))).status).toBe(201);
    expect((await server.post(path, submission('platform', '2026-W47', 1, 4))).status).toBe(200);
    expect((await server.post(path, submission('platform', '2026-W46', 2))).status).toBe(409);
    expect(await server.store.weekSubmissions('platform', '2026-W47')).toEqual([
      submission('platform', '2026-W47', 1, 4),
    ]);
  });

  it('releases figures only for groups of k or more', async () => {
    for (let i = 0; i < 5; i++) await server.store.upsertSubmission(submission('platform', '2026-W44', 10 + i, 5));
    for (let i = 0; i < 2; i++) await server.store.upsertSubmission(submission('platform', '2026-W43', 20 + i, 1));
    const shown = (await (await server.get('/v1/teams/platform/weeks/2026-W44')).json()) as { responses: number };
    const hidden = (await (await server.get('/v1/teams/platform/weeks/2026-W43')).json()) as { suppressed: boolean };
    expect(shown).toMatchObject({ status: 'released', responses: 5, suppressed: false });
    expect(hidden).toMatchObject({ status: 'released', responses: null, suppressed: true });
  });
});
