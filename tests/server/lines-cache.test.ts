/**
 * The release cache reads back exactly what it kept, and a row it cannot read back (damaged, or
 * kept by an older version in another shape) is reported as missing, so the lines are built again:
 * on a real SQLite file and a real PostgreSQL schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { keptFromRow } from '../../src/server/lines-cache';
import { openPostgresStore } from '../../src/server/postgres-store';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { Store } from '../../src/server/store';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { team } from './store-contract';

const row = {
  key: 'k',
  weeks: '["2026-W44","2026-W45"]',
  ends: '[3,6]',
  lines: 'abcdef',
  releasesThen: 2,
  releasesNow: 2,
  nextWeek: null,
};

/** Rows as an older version or a damaged file could hold them: each one reads back as nothing kept. */
const unreadable: Record<string, unknown>[] = [
  { ...row, weeks: '2026-W44,2026-W45', ends: '3,6' }, // the comma-joined form kept before
  { ...row, weeks: '["2026-W44",' },
  { ...row, weeks: '["2026-W99"]' },
  { ...row, ends: '[3,-1]' },
  { ...row, ends: '[3.5,6]' },
  { ...row, ends: '{"0":3}' },
  { ...row, lines: 42 },
  { ...row, nextWeek: 'soon' },
];

describe('keptFromRow', () => {
  it('reads the JSON lists of a kept row', () => {
    expect(keptFromRow(row)).toEqual({ ...row, weeks: ['2026-W44', '2026-W45'], ends: [3, 6] });
    expect(keptFromRow({ ...row, nextWeek: '2026-W47' })?.nextWeek).toBe('2026-W47');
  });

  it('reports no row, and a row it cannot read, as nothing kept', () => {
    expect(keptFromRow(null)).toBeNull();
    expect(keptFromRow(undefined)).toBeNull();
    for (const bad of unreadable) expect(keptFromRow(bad), JSON.stringify(bad)).toBeNull();
  });
});

/** Overwrite the team's kept row's weeks and ends with raw text, as a damaged store would hold it. */
type Damage = (weeks: string, ends: string) => Promise<void>;

function readsBack(name: string, open: () => Promise<{ store: Store; damage: Damage }>) {
  describe(`the release cache on ${name}`, () => {
    it('gives back what it kept, and nothing for a row it cannot read', async () => {
      const { store, damage } = await open();
      try {
        await store.createTeam(team('platform'));
        await store.lines.keep('platform', '2026-W45', {
          key: 'k',
          weeks: ['2026-W44', '2026-W45'],
          ends: [3, 6],
          lines: 'abcdef',
        });
        expect(await store.lines.kept('platform')).toEqual({
          key: 'k',
          weeks: ['2026-W44', '2026-W45'],
          ends: [3, 6],
          lines: 'abcdef',
          releasesThen: 0,
          releasesNow: 0,
          nextWeek: null,
        });
        // The damage a row of weeks and ends can hold as text.
        for (const bad of unreadable.filter((b) => b.weeks !== row.weeks || b.ends !== row.ends)) {
          await damage(String(bad.weeks), String(bad.ends));
          expect(await store.lines.kept('platform'), JSON.stringify(bad)).toBeNull();
        }
        // Kept again over the damaged row, it reads back.
        await store.lines.keep('platform', '2026-W45', { key: 'k2', weeks: ['2026-W45'], ends: [2], lines: 'ab' });
        expect((await store.lines.kept('platform'))?.weeks).toEqual(['2026-W45']);
      } finally {
        await store.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pulse-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readsBack('SQLite', async () => {
  const file = join(dir, 'lines.db');
  return {
    store: openSqliteStore(file),
    async damage(weeks, ends) {
      const raw = new Database(file);
      try {
        raw.prepare('UPDATE released_lines SET weeks = ?, ends = ?').run(weeks, ends);
      } finally {
        raw.close();
      }
    },
  };
});

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

readsBack('PostgreSQL', async () => {
  const schema = freshSchema();
  schemas.push(schema);
  return {
    store: await openPostgresStore(testDatabaseUrl(), schema),
    async damage(weeks, ends) {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`UPDATE ${schema}.released_lines SET weeks = $1, ends = $2`, [weeks, ends]);
      } finally {
        await client.end();
      }
    },
  };
});
