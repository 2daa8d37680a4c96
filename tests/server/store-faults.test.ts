/**
 * Store faults, caused for real where a test can: SQLite's file full (`max_page_count`, which
 * needs no root) and read-only (the endpoint as a process run by a user who may not write the
 * file). Each answers 503 with Retry-After, is named once in the server's output, and every
 * submission acknowledged is stored, row by row.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { Store } from '../../src/server/store';
import { StoreUnavailable, storeFaultOf, storeFaults } from '../../src/server/store-faults';
import { createPlatformTeam, INGEST, MANAGER, startServer } from './harness';
import { collectingWeek } from './ingest-load';
import { startServerProcess } from './server-process';
import { submission } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'pulse-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('storeFaultOf', () => {
  it('names the faults of PostgreSQL, the network and SQLite, and nothing else', () => {
    expect(storeFaultOf(coded('57P01', 'terminating connection due to administrator command'))).toBe('unreachable');
    expect(storeFaultOf(coded('57P03', 'the database system is starting up'))).toBe('unreachable');
    expect(storeFaultOf(coded('08006'))).toBe('unreachable');
    expect(storeFaultOf(coded('ECONNREFUSED'))).toBe('unreachable');
    expect(storeFaultOf(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(storeFaultOf(new Error('timeout exceeded when trying to connect'))).toBe('unreachable');
    expect(storeFaultOf(new AggregateError([coded('ECONNREFUSED')], 'connect failed'))).toBe('unreachable');
    expect(storeFaultOf(new Error('wrapped', { cause: coded('SQLITE_FULL') }))).toBe('full');
    expect(storeFaultOf(coded('53100', 'could not extend file'))).toBe('full');
    expect(storeFaultOf(coded('SQLITE_READONLY_DIRECTORY'))).toBe('read_only');
    expect(storeFaultOf(coded('25006', 'cannot execute INSERT in a read-only transaction'))).toBe('read_only');
    expect(storeFaultOf(coded('SQLITE_IOERR_WRITE'))).toBe('io_error');
    // A bug or bad SQL is not an outage: it stays a 500, and nobody is told to come back.
    expect(storeFaultOf(coded('23505', 'duplicate key'))).toBeUndefined();
    expect(storeFaultOf(coded('SQLITE_CONSTRAINT_CHECK'))).toBeUndefined();
    expect(storeFaultOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(storeFaultOf('a string')).toBeUndefined();
  });
});

describe('storeFaults', () => {
  it('names a fault once as it starts and once as it ends, and passes other errors through', async () => {
    const log: string[] = [];
    let clock = 0;
    const faults = storeFaults(
      (line) => log.push(line),
      () => clock,
    );
    let failWith: Error | undefined = coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
    const inner = { getTeam: async () => (failWith ? Promise.reject(failWith) : undefined) } as unknown as Store;
    const store = faults.guard(inner);
    for (let i = 0; i < 5; i++) await expect(store.getTeam('platform')).rejects.toBeInstanceOf(StoreUnavailable);
    faults.noted(coded('57P01', 'terminating connection due to administrator command'));
    expect(faults.current()).toBe('unreachable');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/database cannot be reached .*ECONNREFUSED/);
    failWith = undefined;
    // Within a second of the last failure a success may be a connection the fault has not reached yet.
    clock += 999;
    await store.getTeam('platform');
    expect(faults.current()).toBe('unreachable');
    clock += 1;
    await store.getTeam('platform');
    expect(faults.current()).toBeUndefined();
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/works again/);
    failWith = new TypeError('a bug');
    await expect(store.getTeam('platform')).rejects.toBeInstanceOf(TypeError);
    expect(log).toHaveLength(2);
  });

  it('keeps a full store full until a write succeeds: a read proves nothing about space', async () => {
    const log: string[] = [];
    let clock = 0;
    const faults = storeFaults(
      (line) => log.push(line),
      () => clock,
    );
    let full = true;
    const inner = {
      getTeam: async () => undefined,
      upsertSubmission: async () => (full ? Promise.reject(coded('SQLITE_FULL')) : 'created'),
    } as unknown as Store;
    const store = faults.guard(inner);
    await expect(store.upsertSubmission(submission('platform', '2026-W47', 1))).rejects.toMatchObject({
      fault: 'full',
      retryAfterSeconds: 60,
    });
    await store.getTeam('platform');
    expect(faults.current()).toBe('full');
    full = false;
    clock += 1000;
    await store.upsertSubmission(submission('platform', '2026-W47', 1));
    expect(faults.current()).toBeUndefined();
    expect(log.map((l) => l.replace(/ \(.*/, ''))).toEqual([
      'Culture Pulse: the storage is full',
      'Culture Pulse: the store works again',
    ]);
  });
});

describe('a guarded store’s parts', () => {
  it('guard the methods of a part (the release cache) too, and count its reads as reads', async () => {
    const log: string[] = [];
    let clock = 0;
    const faults = storeFaults(
      (line) => log.push(line),
      () => clock,
    );
    let fail = true;
    const inner = {
      upsertSubmission: async () => Promise.reject(coded('SQLITE_FULL')),
      lines: { kept: async () => (fail ? Promise.reject(coded('ECONNRESET')) : null) },
    } as unknown as Store;
    const store = faults.guard(inner);
    await expect(store.upsertSubmission(submission('platform', '2026-W47', 1))).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    clock += 1000;
    fail = false;
    // A read of the cache says nothing about space: the store stays full.
    expect(await store.lines.kept('platform')).toBeNull();
    expect(faults.current()).toBe('full');
    fail = true;
    await expect(store.lines.kept('platform')).rejects.toMatchObject({ fault: 'unreachable' });
    expect(store.lines).toBe(store.lines);
  });
});

describe('SQLite full', () => {
  it('answers 503 with Retry-After, names it once, stores every acknowledged submission, and resumes', async () => {
    const log: string[] = [];
    let clock = 0;
    const faults = storeFaults(
      (line) => log.push(line),
      () => clock,
    );
    let db: Database.Database | undefined;
    const store = faults.guard(openSqliteStore(join(dir, 'full.db'), { onConnection: (c) => (db = c) }));
    const server = await startServer({ store, now: () => new Date() });
    if (!db) throw new Error('The store did not show its connection.');
    // A few pages more than it holds now: a couple of dozen submissions, then SQLITE_FULL.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 4}`);
    const week = collectingWeek();
    const statuses = new Map<number, number>();
    let n = 0;
    let refused = 0;
    while (refused < 10) {
      const response = await server.post('/v1/teams/platform/submissions', submission('platform', week, ++n));
      statuses.set(n, response.status);
      if (response.status === 503) {
        refused++;
        expect(response.headers.get('retry-after')).toBe('60');
        const body = await response.text();
        expect(JSON.parse(body)).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
        expect(body).not.toMatch(/SQLITE|full|\bat \S+:\d+/i);
      } else {
        expect(response.status).toBe(201);
      }
    }
    expect([...statuses.values()].filter((s) => s === 201).length).toBeGreaterThan(0);
    // Reads still work, so the endpoint stays ready; the fault was named once, not ten times.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/storage is full \(SQLITE_FULL/);

    // Space freed: the next submission is stored, and the log says the fault is over.
    db.pragma('max_page_count = 1073741823');
    clock += 1000;
    expect((await server.post('/v1/teams/platform/submissions', submission('platform', week, ++n))).status).toBe(201);
    statuses.set(n, 201);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/works again/);

    const stored = new Map((await store.weekSubmissions('platform', week)).map((s) => [s.submissionId, s]));
    for (const [i, status] of statuses) {
      const sent = submission('platform', week, i);
      if (status === 201) expect(stored.get(sent.submissionId)).toEqual(sent);
      else expect(stored.has(sent.submissionId)).toBe(false);
    }
    await server.close();
  });
});

describe('SQLite read-only', () => {
  it('serves reads, answers every write 503 with Retry-After, names it once, and writes nothing', async () => {
    // In the system's temp folder itself: the user must reach it (mkdtemp makes folders 0700).
    const folder = mkdtempSync(join(tmpdir(), 'pulse-read-only-'));
    const file = join(folder, 'pulse.db');
    const store = openSqliteStore(file);
    await createPlatformTeam(store);
    await store.close();
    // The file read-only; its folder open, where SQLite keeps the WAL's shared-memory index.
    chmodSync(file, 0o444);
    chmodSync(folder, 0o777);
    // Root may write whatever a file's mode says: the endpoint runs as a user who may not.
    const server = await startServerProcess({ PULSE_DB: file }, { user: userInfo().uid === 0 ? 'nobody' : undefined });
    try {
      const week = collectingWeek();
      for (let i = 1; i <= 5; i++) {
        const response = await fetch(`${server.url}/v1/teams/platform/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` },
          body: JSON.stringify(submission('platform', week, i)),
        });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('60');
        expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
      }
      const weeks = await fetch(`${server.url}/v1/teams/platform/weeks`, {
        headers: { authorization: `Bearer ${MANAGER}` },
      });
      expect(weeks.status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const named = server
        .errors()
        .split('\n')
        .filter((l) => /^Culture Pulse: the storage is read-only/.test(l));
      expect(named).toHaveLength(1);
      expect(server.exitCode()).toBeNull();
    } finally {
      await server.stop();
    }
    const after = openSqliteStore(file);
    expect(await after.teamWeeks('platform')).toEqual([]);
    await after.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to start in a folder SQLite cannot write, naming the file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pulse-read-only-'));
    const file = join(folder, 'pulse.db');
    await openSqliteStore(file).close();
    chmodSync(folder, 0o555);
    try {
      await expect(
        startServerProcess({ PULSE_DB: file }, { user: userInfo().uid === 0 ? 'nobody' : undefined }),
      ).rejects.toThrow(`Cannot open the SQLite file ${file}: attempt to write a readonly database`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
