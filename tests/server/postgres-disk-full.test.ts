/**
 * PostgreSQL's data disk really full: a cluster of the test's own keeps its data files on a tmpfs
 * (in a mount namespace of its own), shrunk to what it uses plus a little, and the endpoint fills
 * it. PostgreSQL answers 53100 (disk full) when a table cannot grow: the endpoint answers each
 * write 503 with Retry-After, names the fault once, keeps serving reads, acknowledges nothing it
 * did not store, and takes writes again once the disk has room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST } from './harness';
import { collectingWeek, until } from './ingest-load';
import { endpointOnPrivatePostgres, type PrivatePostgres, storedScores } from './private-postgres';
import type { ServerProcess } from './server-process';
import { submission } from './store-contract';

const PAGE = 4096;
/** Room left on the disk once shrunk: a few dozen table and index pages. */
const HEADROOM = 256 * 1024;
/** The most submissions the test sends before the disk must have filled. */
const AT_MOST = 20_000;

let cluster: PrivatePostgres;
let server: ServerProcess;

beforeAll(async () => {
  ({ cluster, server } = await endpointOnPrivatePostgres({ smallDisk: true }));
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await cluster?.destroy();
});

const week = collectingWeek();
const acknowledged: number[] = [];
let n = 0;

async function post(): Promise<Response> {
  const i = ++n;
  const response = await fetch(`${server.url}/v1/teams/platform/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` },
    body: JSON.stringify(submission('platform', week, i)),
  });
  if (response.status === 201) acknowledged.push(i);
  return response;
}

const faultLines = (pattern: RegExp) =>
  server
    .errors()
    .split('\n')
    .filter((line) => pattern.test(line)).length;

describe('a full data disk under PostgreSQL', () => {
  it('answers writes 503 with Retry-After, names the fault once, and keeps serving reads', async () => {
    expect((await post()).status).toBe(201);
    const used = await cluster.diskUsed();
    await cluster.resizeDisk(Math.ceil((used + HEADROOM) / PAGE) * PAGE);
    let refused = 0;
    while (refused < 10 && n < AT_MOST) {
      const response = await post();
      if (response.status === 201) continue;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(await response.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
      refused++;
    }
    expect(refused, `the disk did not fill in ${AT_MOST} submissions`).toBe(10);
    expect(acknowledged.length).toBeGreaterThan(1);
    expect(faultLines(/^Culture Pulse: the storage is full \(53100 /)).toBe(1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(server.exitCode()).toBeNull();
  });

  it('takes writes again once the disk has room, and stores every submission it acknowledged', async () => {
    await cluster.resizeDisk(256 * 1024 * 1024);
    await until(async () => (await post()).status === 201);
    // Said once writes have worked for a second after the last refusal (store-faults.ts).
    await until(async () => {
      expect((await post()).status).toBe(201);
      return faultLines(/^Culture Pulse: the store works again \(it was: the storage is full\)/) === 1;
    });
    const stored = await storedScores(cluster.url);
    for (const i of acknowledged) {
      const sent = submission('platform', week, i);
      expect(stored.get(sent.submissionId), `submission ${i}`).toEqual(sent.scores);
    }
  }, 60_000);
});
