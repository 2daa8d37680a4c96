import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { releaseAttacks } from './release-attacks';
import { storeContract, submission, team } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'pulse-sqlite-'));
let n = 0;
const file = () => join(dir, `store-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite', async () => openSqliteStore(file()));
releaseAttacks('SQLite', async () => {
  const path = file();
  return async () => openSqliteStore(path);
});

describe('SQLite store', () => {
  it('keeps its data in one real file, in WAL mode with full sync, across reopening', async () => {
    const path = file();
    const store = openSqliteStore(path);
    await store.createTeam(team('platform'));
    await store.upsertSubmission(submission('platform', '2026-W47', 1));
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = openSqliteStore(path);
    expect(await again.weekSubmissions('platform', '2026-W47')).toHaveLength(1);
    await again.close();
  });

  it('stores no time, address or agent: the columns are the submission and nothing else', async () => {
    const path = file();
    (await Promise.resolve(openSqliteStore(path))).close();
    const raw = new Database(path, { readonly: true });
    const columns = raw.prepare("SELECT name FROM pragma_table_info('submissions')").all();
    raw.close();
    expect(columns.map((c) => (c as { name: string }).name)).toEqual([
      'team_id',
      'submission_id',
      'week_id',
      'bank_version',
      'scores',
    ]);
  });

  it('keeps no order of arrival: every table is WITHOUT ROWID, and rows lie in key order', async () => {
    const path = file();
    const store = openSqliteStore(path);
    await store.createTeam(team('platform'));
    // Arrival order: ids descending. A rowid table would keep exactly this order in the file.
    const arrived = [9, 3, 7, 1, 8, 2].map((n) => submission('platform', '2026-W47', n));
    for (const s of arrived) await store.upsertSubmission(s);
    await store.close();
    const raw = new Database(path, { readonly: true });
    const tables = raw
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
      .all();
    expect(tables.map((t) => t.name).sort()).toEqual([
      'invites',
      'issuances',
      'notes',
      'released_lines',
      'releases',
      'schema_version',
      'submissions',
      'teams',
      'week_keys',
    ]);
    for (const t of tables.filter((t) => t.name !== 'schema_version')) expect(t.sql).toMatch(/WITHOUT ROWID\s*$/);
    // A plain scan, as someone reading the file would: key order, nothing of arrival.
    const scanned = raw.prepare('SELECT submission_id FROM submissions').pluck().all();
    raw.close();
    expect(scanned).toEqual(arrived.map((s) => s.submissionId).sort());
  });

  it('reports a damaged row instead of trusting it', async () => {
    const path = file();
    const store = openSqliteStore(path);
    await store.createTeam(team('platform'));
    await store.close();
    const raw = new Database(path);
    raw
      .prepare('INSERT INTO submissions VALUES (?, ?, ?, ?, ?)')
      .run('platform', 'f'.repeat(64), '2026-W47', 1, '{"impact-customers": 9}');
    raw.close();
    const again = openSqliteStore(path);
    await expect(again.weekSubmissions('platform', '2026-W47')).rejects.toThrow(/not valid/);
    await again.close();
  });
});
