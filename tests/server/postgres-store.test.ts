import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { releaseAttacks } from './release-attacks';
import { storeContract, submission, team } from './store-contract';

const url = testDatabaseUrl();
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

storeContract('PostgreSQL', async () => {
  const schema = freshSchema();
  schemas.push(schema);
  return openPostgresStore(url, schema);
});

releaseAttacks('PostgreSQL', async () => {
  const schema = freshSchema();
  schemas.push(schema);
  return () => openPostgresStore(url, schema);
});

describe('PostgreSQL store', () => {
  it('stores no time, address or agent: the columns are the submission and nothing else', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    await (await openPostgresStore(url, schema)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, 'submissions'],
    );
    await client.end();
    expect(rows.map((r) => r.column_name)).toEqual(['team_id', 'submission_id', 'week_id', 'bank_version', 'scores']);
  });

  it('writes a week’s rows again at release, all in one transaction: no xmin or place tells arrival', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const store = await openPostgresStore(url, schema);
    await store.createTeam(team('platform'));
    for (let n = 1; n <= 8; n++) await store.upsertSubmission(submission('platform', '2026-W46', n));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const stamps = async () =>
      (
        await client.query<{ xmin: string; submission_id: string }>(
          `SELECT xmin::text, submission_id FROM ${schema}.submissions ORDER BY ctid`,
        )
      ).rows;
    // While a week collects, each row carries its own transaction: what remains (see the README).
    expect(new Set((await stamps()).map((r) => r.xmin)).size).toBe(8);
    await store.releaseWeeks('platform', 5, ['2026-W46'], () => '[]');
    const after = await stamps();
    expect(new Set(after.map((r) => r.xmin)).size).toBe(1);
    expect(after.map((r) => r.submission_id).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => submission('platform', '2026-W46', i + 1).submissionId),
    );
    await client.end();
    await store.close();
  });

  it('refuses an unsafe schema name', async () => {
    await expect(openPostgresStore(url, 'x; drop table y')).rejects.toThrow(/safe schema/);
  });
});
