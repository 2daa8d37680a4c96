import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { storeContract, submission, team } from './store-contract';

const dir = mkdtempSync(join(tmpdir(), 'pulse-sqlite-'));
let n = 0;
const file = () => join(dir, `store-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite', async () => openSqliteStore(file()));

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
