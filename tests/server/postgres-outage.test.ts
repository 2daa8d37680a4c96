/**
 * PostgreSQL stopped, started and restarted under load, for real (a cluster of the test's own):
 * the endpoint process stays up, answers 503 with Retry-After while the database is gone (never a
 * 500, never a stack trace), names the outage once in its output, serves again by itself once the
 * database is back, and every submission it acknowledged is stored, row by row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST } from './harness';
import { type Answer, ingestLoad, type Load, until } from './ingest-load';
import { endpointOnPrivatePostgres, type PrivatePostgres, storedScores } from './private-postgres';
import type { ServerProcess } from './server-process';

let cluster: PrivatePostgres;
let server: ServerProcess;
/** Loads still running when a test failed: stopped before the server, which waits for its connections. */
const loads: Load[] = [];

beforeAll(async () => {
  ({ cluster, server } = await endpointOnPrivatePostgres());
}, 60_000);

afterAll(async () => {
  await Promise.all(loads.map((l) => l.stop()));
  await server?.stop();
  await cluster?.destroy();
});

/** Waits for `check`, failing at once (with its output) if the endpoint process has exited. */
const untilServing = (check: () => boolean) =>
  until(() => {
    if (server.exitCode() !== null) throw new Error(`The endpoint exited (${server.exitCode()}):\n${server.errors()}`);
    return check();
  });

const ready = async () => (await fetch(`${server.url}/readyz`)).status;
const acknowledged = (answers: readonly Answer[]) => answers.filter((a) => a.status === 200 || a.status === 201);

/** Every acknowledged submission, read back from the database itself, scores and all. */
async function expectAllStored(answers: readonly Answer[]): Promise<void> {
  const stored = await storedScores(cluster.url);
  const acked = acknowledged(answers);
  expect(acked.length).toBeGreaterThan(0);
  for (const { submission } of acked) expect(stored.get(submission.submissionId)).toEqual(submission.scores);
}

function expectOnly503sAndSuccesses(answers: readonly Answer[]): void {
  for (const answer of answers) {
    if (answer.status === 503) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
      expect(answer.body).not.toMatch(/\bat \S+:\d+|ECONN|postgres/i);
    } else {
      expect([200, 201]).toContain(answer.status);
    }
  }
}

const lines = (pattern: RegExp) =>
  server
    .errors()
    .split('\n')
    .filter((l) => pattern.test(l)).length;
/** The endpoint has said the outage is over (a second after the last failure; store-faults.ts). */
const over = () => lines(/^Culture Pulse: the store works again/);

describe('the endpoint while PostgreSQL goes away and comes back', () => {
  it('answers 503 while PostgreSQL is stopped, serves again once it is back, and loses nothing', async () => {
    const load = ingestLoad(server.url, 'platform', INGEST, 8);
    loads.push(load);
    await untilServing(() => acknowledged(load.answers).length >= 50);
    await cluster.stop();
    const stoppedAt = load.answers.length;
    await untilServing(() => load.answers.slice(stoppedAt).filter((a) => a.status === 503).length >= 30);
    expect(await ready()).toBe(503);
    await cluster.start();
    const startedAt = load.answers.length;
    await untilServing(() => acknowledged(load.answers.slice(startedAt)).length >= 50 && over() >= 1);
    const answers = await load.stop();

    expect(server.exitCode()).toBeNull();
    expect(await ready()).toBe(200);
    expectOnly503sAndSuccesses(answers);
    await expectAllStored(answers);
    // Named once as it started and once as it ended, not once per refused request.
    expect(lines(/^Culture Pulse: the database cannot be reached/)).toBe(1);
    expect(lines(/^Culture Pulse: the store works again/)).toBe(1);
  });

  it('survives a fast restart under load (the fault that used to end the process)', async () => {
    const before = lines(/^Culture Pulse: the database cannot be reached/);
    const load = ingestLoad(server.url, 'platform', INGEST, 8);
    loads.push(load);
    await untilServing(() => acknowledged(load.answers).length >= 50);
    await cluster.restart();
    const restartedAt = load.answers.length;
    await untilServing(() => acknowledged(load.answers.slice(restartedAt)).length >= 50 && over() >= before + 1);
    const answers = await load.stop();

    expect(server.exitCode()).toBeNull();
    expectOnly503sAndSuccesses(answers);
    await expectAllStored(answers);
    // The restart dropped the pool's connections: noticed (once), then over (once).
    expect(lines(/^Culture Pulse: the database cannot be reached/)).toBe(before + 1);
    expect(lines(/^Culture Pulse: the store works again/)).toBe(before + 1);
  });
});
