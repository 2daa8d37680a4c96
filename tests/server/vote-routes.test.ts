/** One vote per invite over real HTTP: on a real SQLite file and a real PostgreSQL schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { voteAttacks } from './vote-attacks';

const dir = mkdtempSync(join(tmpdir(), 'pulse-votes-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const joined = (row: Record<string, unknown>) =>
  Object.values(row)
    .map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
    .join('\u0000');

voteAttacks('SQLite', async () => {
  const file = join(dir, `votes-${++files}.db`);
  const store = openSqliteStore(file);
  return {
    store,
    async rows(table) {
      const raw = new Database(file, { readonly: true });
      try {
        return raw.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).all().map(joined);
      } finally {
        raw.close();
      }
    },
    close: async () => undefined, // the harness closes the store
  };
});

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

voteAttacks('PostgreSQL', async () => {
  const schema = freshSchema();
  schemas.push(schema);
  const store = await openPostgresStore(testDatabaseUrl(), schema);
  return {
    store,
    async rows(table) {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      try {
        const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table}`);
        return rows.map(joined);
      } finally {
        await client.end();
      }
    },
    close: async () => undefined,
  };
});
