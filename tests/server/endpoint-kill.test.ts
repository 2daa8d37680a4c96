/**
 * The endpoint process killed with SIGKILL under load, again and again, on one SQLite file: every
 * submission it acknowledged is there afterwards, scores and all, and the file is intact. (The
 * bench does it 20 times and prints the figures; this keeps the promise in `npm test`.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { createPlatformTeam, INGEST } from './harness';
import { type Answer, collectingWeek, ingestLoad, until } from './ingest-load';
import { startServerProcess } from './server-process';

const dir = mkdtempSync(join(tmpdir(), 'pulse-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const acked = (a: Answer) => a.status === 200 || a.status === 201;

describe('the endpoint killed with SIGKILL under load', () => {
  it('loses no acknowledged submission across three kills', async () => {
    const file = join(dir, 'pulse.db');
    const store = openSqliteStore(file);
    await createPlatformTeam(store);
    await store.close();

    const answers: Answer[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      const server = await startServerProcess({ PULSE_DB: file, INGEST_PER_MINUTE: '100000000' });
      const load = ingestLoad(server.url, 'platform', INGEST, 20);
      await until(() => load.answers.filter(acked).length >= 100);
      // Killed while 20 requests are in flight: no shutdown of any kind.
      server.child.kill('SIGKILL');
      await until(() => server.exitCode() !== null);
      answers.push(...(await load.stop()));
    }

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const after = openSqliteStore(file);
    const stored = new Map((await after.weekSubmissions('platform', collectingWeek())).map((s) => [s.submissionId, s]));
    await after.close();
    const acknowledged = answers.filter(acked);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    for (const { submission } of acknowledged) expect(stored.get(submission.submissionId)).toEqual(submission);
  });
});
