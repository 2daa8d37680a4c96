/**
 * A failover, for real: the endpoint started against a PostgreSQL hot standby (a base backup of a
 * cluster of the test's own, streaming its changes), as it may be when DATABASE_URL names a replica
 * or a restart lands during a failover. It serves reads, answers writes 503 with Retry-After (the
 * standby's own 25006, never a 500), and takes them again once the standby is promoted, storing
 * what it acknowledges. A standby whose schema is behind the endpoint's stops the start with a
 * message that says what to do, instead of a crash on CREATE SCHEMA.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import { openPostgresStore } from '../../src/server/postgres-store';
import { LATEST_VERSION } from '../../src/server/schema-ladder';
import { createPlatformTeam, INGEST, MANAGER } from './harness';
import { collectingWeek, until } from './ingest-load';
import { type PrivatePostgres, startPrivatePostgres, storedScores } from './private-postgres';
import { type ServerProcess, startServerProcess } from './server-process';

const clusters: PrivatePostgres[] = [];
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  // Standbys first: a primary stopping waits for its walsenders.
  for (const cluster of [...clusters].reverse()) await cluster.destroy();
});

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function submission() {
  const weekId = collectingWeek();
  return {
    submissionId: randomBytes(32).toString('hex'),
    teamId: 'platform',
    weekId,
    bankVersion: 1,
    scores: Object.fromEntries(pulseForWeek(weekId).questions.map((q, i) => [q.id, (i % 5) + 1])),
  };
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/teams/platform/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` },
    body: JSON.stringify(body),
  });

describe('the endpoint on a PostgreSQL hot standby', () => {
  let primary: PrivatePostgres;
  let standby: PrivatePostgres;
  let server: ServerProcess;

  beforeAll(async () => {
    primary = await startPrivatePostgres();
    clusters.push(primary);
    const store = await openPostgresStore(primary.url);
    await createPlatformTeam(store);
    await store.close();
    standby = await startPrivatePostgres({ standbyOf: primary.port });
    clusters.push(standby);
    // The base backup holds the team already; the check is that the standby is read-only.
    const [state] = await query<{ standby: boolean }>(standby.url, 'SELECT pg_is_in_recovery() AS standby');
    expect(state?.standby).toBe(true);
    server = await startServerProcess({ DATABASE_URL: standby.url, INGEST_PER_MINUTE: '100000' });
    servers.push(server);
  }, 90_000);

  it('serves reads, and answers a write 503 with Retry-After, naming the fault once', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const weeks = await fetch(`${server.url}/v1/teams/platform/weeks`, {
      headers: { authorization: `Bearer ${MANAGER}` },
    });
    expect(weeks.status).toBe(200);
    const refused = await post(server.url, submission());
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    expect(server.errors()).toMatch(/^Culture Pulse: the storage is read-only \(25006 /m);
    expect(server.exitCode()).toBeNull();
  });

  it('takes writes again once the standby is promoted, and stores what it acknowledged', async () => {
    await standby.promote();
    const answer = submission();
    let status = 0;
    await until(async () => {
      status = (await post(server.url, answer)).status;
      expect([201, 503]).toContain(status);
      return status === 201;
    });
    expect((await storedScores(standby.url)).get(answer.submissionId)).toEqual(answer.scores);
    // Said once writes have worked for a second after the last refusal (store-faults.ts).
    await until(async () => {
      expect((await post(server.url, submission())).status).toBe(201);
      return /^Culture Pulse: the store works again \(it was: the storage is read-only\)/m.test(server.errors());
    });
  }, 60_000);
});

describe('a standby whose schema is behind the endpoint', () => {
  it('stops the start, saying to start it once against the primary', async () => {
    const empty = await startPrivatePostgres();
    clusters.push(empty);
    const standby = await startPrivatePostgres({ standbyOf: empty.port });
    clusters.push(standby);
    await expect(startServerProcess({ DATABASE_URL: standby.url })).rejects.toThrow(
      new RegExp(
        `read-only \\(a standby\\?\\) and its schema is at step 0 of ${LATEST_VERSION}: start the endpoint once against the primary`,
      ),
    );
  }, 90_000);
});
