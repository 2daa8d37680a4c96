/** The real PostgreSQL the server tests need: from TEST_DATABASE_URL, never skipped. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const HOW_TO = `PostgreSQL tests need TEST_DATABASE_URL, for example:
  apt-get install -y postgresql && pg_ctlcluster 15 main start
  su postgres -c "psql -qc \\"create role pulse login password 'pulse'\\""
  su postgres -c "createdb -O pulse pulse_test"
  export TEST_DATABASE_URL=postgres://pulse:pulse@127.0.0.1:5432/pulse_test
(.ci/run does all of this.)`;

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(HOW_TO);
  return url;
}

/** A schema of its own for each store a test opens, so runs and tests never see each other's rows. */
export function freshSchema(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
