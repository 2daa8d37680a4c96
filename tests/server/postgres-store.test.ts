import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/server/postgres-store';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { storeContract } from './store-contract';

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

  it('refuses an unsafe schema name', async () => {
    await expect(openPostgresStore(url, 'x; drop table y')).rejects.toThrow(/safe schema/);
  });
});
