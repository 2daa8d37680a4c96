/**
 * The network between the endpoint and PostgreSQL fails, through a proxy the test controls: every
 * connection reset, or traffic silently held. Requests meanwhile get 503 with Retry-After (a held
 * one once its timeout passes, not after TCP gives up), the fault is named once, the endpoint
 * serves again by itself when the network heals, and every acknowledged submission is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import { storeFaults } from '../../src/server/store-faults';
import { INGEST, type Running, startServer } from './harness';
import { type Answer, ingestLoad, until } from './ingest-load';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const schema = freshSchema();
const log: string[] = [];
let proxy: TcpProxy;
let server: Running;

beforeAll(async () => {
  const url = new URL(testDatabaseUrl());
  proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  url.host = `127.0.0.1:${proxy.port}`;
  const faults = storeFaults((line) => log.push(line));
  const store = await openPostgresStore(url.toString(), schema, {
    onConnectionError: faults.noted,
    // Short, so a held request is answered in a test's time; the defaults are 3 s and 30 s.
    connectTimeoutMs: 300,
    queryTimeoutMs: 500,
  });
  server = await startServer({ store: faults.guard(store), now: () => new Date() });
});

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await dropSchema(schema);
});

const acked = (a: Answer) => a.status === 200 || a.status === 201;

async function expectStored(answers: readonly Answer[]): Promise<void> {
  const acknowledged = answers.filter(acked);
  expect(acknowledged.length).toBeGreaterThan(0);
  const byId = new Map<string, unknown>();
  for (const weekId of new Set(acknowledged.map((a) => a.submission.weekId))) {
    for (const s of await server.store.weekSubmissions('platform', weekId)) byId.set(s.submissionId, s);
  }
  for (const { submission } of acknowledged) expect(byId.get(submission.submissionId)).toEqual(submission);
  for (const a of answers.filter((x) => !acked(x))) {
    expect(a.status).toBe(503);
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
}

describe.each(['reset', 'silent'] as const)('the network to PostgreSQL, %s', (mode) => {
  it('gets 503 with Retry-After while it is down, and serves again by itself when it heals', async () => {
    log.length = 0;
    const load = ingestLoad(server.url, 'platform', INGEST, 6);
    await until(() => load.answers.filter(acked).length >= 30);
    proxy.set(mode);
    const cutAt = load.answers.length;
    await until(() => load.answers.slice(cutAt).filter((a) => a.status === 503).length >= 10);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    proxy.set('pass');
    const healedAt = load.answers.length;
    const over = () => log.filter((l) => /^Culture Pulse: the store works again/.test(l)).length;
    await until(() => load.answers.slice(healedAt).filter(acked).length >= 30 && over() > 0);
    const answers = await load.stop();

    await expectStored(answers);
    expect(log.filter((l) => /^Culture Pulse: the database cannot be reached/.test(l))).toHaveLength(1);
    expect(log.filter((l) => /^Culture Pulse: the store works again/.test(l))).toHaveLength(1);
  });
});
