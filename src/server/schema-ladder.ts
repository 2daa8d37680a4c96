/**
 * The endpoint's schema, as a ladder of versions: one list of steps, each in its SQLite and its
 * PostgreSQL form, and a `schema_version` row saying which step a database has reached. Opening a
 * store climbs from there to the top, each step in one transaction with its version bump, so a
 * database made by any earlier release upgrades in place and keeps everything it holds. A step is
 * never edited once released: a change is a new step. A database from a newer server is refused,
 * never downgraded.
 *
 * Version 1 is the schema every release before the ladder made (CREATE … IF NOT EXISTS), so a
 * database without a `schema_version` row is at version 0 and step 1 finds its tables already
 * there.
 */
import type Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';

interface Step {
  readonly version: number;
  /** Why this step exists, for whoever reads the ladder. */
  readonly why: string;
  readonly sqlite: string;
  /** The step for one PostgreSQL schema (its name is checked safe before it gets here). */
  readonly postgres: (schema: string) => string;
}

export const LADDER: readonly Step[] = [
  {
    version: 1,
    why: 'the tables every release before the ladder made',
    sqlite: `
      CREATE TABLE IF NOT EXISTS teams (
        team_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        ingest_token_hash TEXT NOT NULL,
        manager_token_hash TEXT NOT NULL,
        k INTEGER NOT NULL CHECK (k >= 3)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS submissions (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        submission_id TEXT NOT NULL,
        week_id TEXT NOT NULL,
        bank_version INTEGER NOT NULL,
        scores TEXT NOT NULL,
        PRIMARY KEY (team_id, submission_id)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS submissions_by_week ON submissions (team_id, week_id);
      CREATE TABLE IF NOT EXISTS released_weeks (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        week_id TEXT NOT NULL,
        k INTEGER NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS released_lines (
        team_id TEXT PRIMARY KEY REFERENCES teams(team_id),
        key TEXT NOT NULL,
        through TEXT NOT NULL,
        submissions INTEGER NOT NULL,
        weeks TEXT NOT NULL,
        ends TEXT NOT NULL,
        lines TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS notes (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        week_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, theme)
      ) STRICT;`,
    postgres: (s) => `
      CREATE TABLE IF NOT EXISTS ${s}.teams (
        team_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        ingest_token_hash TEXT NOT NULL,
        manager_token_hash TEXT NOT NULL,
        k INTEGER NOT NULL CHECK (k >= 3)
      );
      CREATE TABLE IF NOT EXISTS ${s}.submissions (
        team_id TEXT NOT NULL REFERENCES ${s}.teams(team_id),
        submission_id TEXT NOT NULL,
        week_id TEXT NOT NULL,
        bank_version INTEGER NOT NULL,
        scores JSONB NOT NULL,
        PRIMARY KEY (team_id, submission_id)
      );
      CREATE INDEX IF NOT EXISTS submissions_by_week ON ${s}.submissions (team_id, week_id);
      CREATE TABLE IF NOT EXISTS ${s}.released_weeks (
        team_id TEXT NOT NULL REFERENCES ${s}.teams(team_id),
        week_id TEXT NOT NULL,
        k INTEGER NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.released_lines (
        team_id TEXT PRIMARY KEY REFERENCES ${s}.teams(team_id),
        key TEXT NOT NULL,
        through TEXT NOT NULL,
        submissions INTEGER NOT NULL,
        weeks TEXT NOT NULL,
        ends TEXT NOT NULL,
        lines TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ${s}.notes (
        team_id TEXT NOT NULL REFERENCES ${s}.teams(team_id),
        week_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, theme)
      );`,
  },
  {
    version: 2,
    why: `a release is a stored fact, and nothing stored keeps arrival order. A submission is keyed by
      team, week and id, so a resend can never move it to another week. released_weeks, a cache
      recomputed whenever k changed, becomes releases: written once when a week is released, with
      the k it was released under; only the figures a team was being shown (kept for its current
      k) carry over, and weeks released but never kept are released from their submissions, as
      before, at the next start. SQLite tables become WITHOUT ROWID (rows in key order: random
      submission ids, not arrival). The kept CSV lines are derived and are built again.`,
    sqlite: `
      CREATE TABLE teams_v2 (
        team_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        ingest_token_hash TEXT NOT NULL,
        manager_token_hash TEXT NOT NULL,
        k INTEGER NOT NULL CHECK (k >= 3)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO teams_v2 SELECT team_id, name, ingest_token_hash, manager_token_hash, k FROM teams;
      CREATE TABLE submissions_v2 (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        submission_id TEXT NOT NULL,
        week_id TEXT NOT NULL,
        bank_version INTEGER NOT NULL,
        scores TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, submission_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO submissions_v2 SELECT team_id, submission_id, week_id, bank_version, scores FROM submissions;
      CREATE TABLE releases (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        week_id TEXT NOT NULL,
        k INTEGER NOT NULL CHECK (k >= 3),
        figures TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO releases SELECT r.team_id, r.week_id, r.k, r.figures
        FROM released_weeks AS r JOIN teams AS t ON t.team_id = r.team_id AND t.k = r.k;
      CREATE TABLE notes_v2 (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        week_id TEXT NOT NULL,
        theme TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, theme)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO notes_v2 SELECT team_id, week_id, theme, text FROM notes;
      DROP TABLE released_lines;
      DROP TABLE released_weeks;
      DROP TABLE notes;
      DROP TABLE submissions;
      DROP TABLE teams;
      ALTER TABLE teams_v2 RENAME TO teams;
      ALTER TABLE submissions_v2 RENAME TO submissions;
      ALTER TABLE notes_v2 RENAME TO notes;
      CREATE TABLE released_lines (
        team_id TEXT PRIMARY KEY REFERENCES teams(team_id),
        key TEXT NOT NULL,
        through TEXT NOT NULL,
        releases INTEGER NOT NULL,
        weeks TEXT NOT NULL,
        ends TEXT NOT NULL,
        lines TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;`,
    postgres: (s) => `
      ALTER TABLE ${s}.submissions DROP CONSTRAINT submissions_pkey;
      ALTER TABLE ${s}.submissions ADD PRIMARY KEY (team_id, week_id, submission_id);
      DROP INDEX ${s}.submissions_by_week;
      ALTER TABLE ${s}.released_weeks RENAME TO releases;
      DELETE FROM ${s}.releases AS r USING ${s}.teams AS t WHERE t.team_id = r.team_id AND t.k <> r.k;
      ALTER TABLE ${s}.releases ADD CHECK (k >= 3);
      DROP TABLE ${s}.released_lines;
      CREATE TABLE ${s}.released_lines (
        team_id TEXT PRIMARY KEY REFERENCES ${s}.teams(team_id),
        key TEXT NOT NULL,
        through TEXT NOT NULL,
        releases INTEGER NOT NULL,
        weeks TEXT NOT NULL,
        ends TEXT NOT NULL,
        lines TEXT NOT NULL
      );
      -- One round trip a submission, refused once its week is released. The lock (shared by
      -- submissions, exclusive while a week is being released) and the check after it, which in a
      -- plpgsql function sees what committed up to that moment, make "counted" and "refused" the
      -- only outcomes: never accepted and left out of the figures.
      CREATE FUNCTION ${s}.submit(p_team TEXT, p_week TEXT, p_id TEXT, p_bank INTEGER, p_scores JSONB)
      RETURNS TEXT LANGUAGE plpgsql AS $$
      DECLARE
        inserted BOOLEAN;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('${s}/' || p_team || '/' || p_week, 0));
        IF EXISTS (SELECT 1 FROM ${s}.releases WHERE team_id = p_team AND week_id = p_week) THEN
          RETURN 'released';
        END IF;
        INSERT INTO ${s}.submissions (team_id, submission_id, week_id, bank_version, scores)
          VALUES (p_team, p_id, p_week, p_bank, p_scores)
          ON CONFLICT (team_id, week_id, submission_id)
          DO UPDATE SET bank_version = EXCLUDED.bank_version, scores = EXCLUDED.scores
          RETURNING (xmax = 0) INTO inserted;
        RETURN CASE WHEN inserted THEN 'created' ELSE 'replaced' END;
      END $$;`,
  },
  {
    version: 3,
    why: `one person, one vote. A team is open (one shared ingest token, as before) or personal: one
      secret invite per member, stored as a hash, revocable one by one, never with a name. Each
      week has its own signing key; an invite gets one blind signature a week (issuances keeps the
      hash of the request it signed, so a lost answer can be asked for again, another request
      cannot); the signed token is spent with the week's scores in a request without any invite,
      and becomes the vote's id. Nothing stored at issuance appears in a vote's row. Every team
      made before this step is open.`,
    sqlite: `
      ALTER TABLE teams ADD COLUMN kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'personal'));
      CREATE TABLE invites (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        invite_hash TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
        PRIMARY KEY (team_id, invite_hash)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE week_keys (
        team_id TEXT NOT NULL REFERENCES teams(team_id),
        week_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE issuances (
        team_id TEXT NOT NULL,
        week_id TEXT NOT NULL,
        invite_hash TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, invite_hash),
        FOREIGN KEY (team_id, invite_hash) REFERENCES invites(team_id, invite_hash)
      ) STRICT, WITHOUT ROWID;`,
    postgres: (s) => `
      ALTER TABLE ${s}.teams ADD COLUMN kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'personal'));
      CREATE TABLE ${s}.invites (
        team_id TEXT NOT NULL REFERENCES ${s}.teams(team_id),
        invite_hash TEXT NOT NULL,
        revoked BOOLEAN NOT NULL DEFAULT FALSE,
        PRIMARY KEY (team_id, invite_hash)
      );
      CREATE TABLE ${s}.week_keys (
        team_id TEXT NOT NULL REFERENCES ${s}.teams(team_id),
        week_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id)
      );
      CREATE TABLE ${s}.issuances (
        team_id TEXT NOT NULL,
        week_id TEXT NOT NULL,
        invite_hash TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        PRIMARY KEY (team_id, week_id, invite_hash),
        FOREIGN KEY (team_id, invite_hash) REFERENCES ${s}.invites(team_id, invite_hash)
      );
      -- A vote: written once under its token's spent key, unless the week is released; the same
      -- scores again are a no-op ('same'), other scores are refused ('differs'). The week lock is
      -- submit()'s, so a vote is either counted in its week's release or refused.
      CREATE FUNCTION ${s}.cast_vote(p_team TEXT, p_week TEXT, p_id TEXT, p_bank INTEGER, p_scores JSONB)
      RETURNS TEXT LANGUAGE plpgsql AS $$
      DECLARE
        found_bank INTEGER;
        found_scores JSONB;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('${s}/' || p_team || '/' || p_week, 0));
        SELECT bank_version, scores INTO found_bank, found_scores FROM ${s}.submissions
          WHERE team_id = p_team AND week_id = p_week AND submission_id = p_id;
        IF FOUND THEN
          RETURN CASE WHEN found_bank = p_bank AND found_scores = p_scores THEN 'same' ELSE 'differs' END;
        END IF;
        IF EXISTS (SELECT 1 FROM ${s}.releases WHERE team_id = p_team AND week_id = p_week) THEN
          RETURN 'released';
        END IF;
        INSERT INTO ${s}.submissions (team_id, submission_id, week_id, bank_version, scores)
          VALUES (p_team, p_id, p_week, p_bank, p_scores) ON CONFLICT DO NOTHING;
        IF FOUND THEN
          RETURN 'created';
        END IF;
        -- The same token, cast at the same moment by another request: compare with what it wrote.
        SELECT bank_version, scores INTO found_bank, found_scores FROM ${s}.submissions
          WHERE team_id = p_team AND week_id = p_week AND submission_id = p_id;
        RETURN CASE WHEN found_bank = p_bank AND found_scores = p_scores THEN 'same' ELSE 'differs' END;
      END $$;`,
  },
];

export const LATEST_VERSION = LADDER.at(-1)?.version ?? 0;

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
  constructor(found: number) {
    super(
      `This database was written by a newer Culture Pulse endpoint (schema version ${found}; this one knows up to ${LATEST_VERSION}). ` +
        'Run the newer endpoint, or restore a backup made before it: a database is never downgraded.',
    );
  }
}

/** Climbs a SQLite database to the top of the ladder; returns the version it started at. */
export function climbSqlite(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT');
  const read = db.prepare<[], number>('SELECT max(version) FROM schema_version').pluck();
  const started = read.get() ?? 0;
  if (started > LATEST_VERSION) throw new NewerSchemaError(started);
  // Tables are rebuilt (create, copy, drop, rename): foreign keys are checked once the step is
  // done, not row by row, and the pragma cannot change inside a transaction.
  db.pragma('foreign_keys = OFF');
  try {
    for (const step of LADDER) {
      // IMMEDIATE: a second process opening the same file waits, then finds the step taken.
      db.transaction(() => {
        const at = read.get() ?? 0;
        if (at >= step.version) return;
        db.exec(step.sqlite);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`Schema step ${step.version} left ${broken.length} broken references.`);
        db.prepare('DELETE FROM schema_version').run();
        db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(step.version);
      }).immediate();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return started;
}

/** A read-only database whose schema is not at the top: this endpoint cannot use it, nor climb it. */
export class ReadOnlyBehindError extends Error {
  override name = 'ReadOnlyBehindError';
  constructor(readonly version: number) {
    super(
      `The database is read-only (a standby?) and its schema is at step ${version} of ${LATEST_VERSION}: start the endpoint once against the primary, which climbs it, or wait until this one accepts writes.`,
    );
  }
}

/** The schema's step, read without writing anything: 0 when it has no version table yet. */
async function readOnlyVersion(client: PoolClient, schema: string): Promise<number> {
  const table = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
    `${schema}.schema_version`,
  ]);
  if (!table.rows[0]?.found) return 0;
  const found = await client.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${schema}.schema_version`,
  );
  return found.rows[0]?.version ?? 0;
}

/** Climbs a PostgreSQL schema to the top of the ladder, all in one transaction; returns where it started. */
export async function climbPostgres(pool: Pool, schema: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const readOnly = await client.query<{ read_only: string }>(
      "SELECT current_setting('transaction_read_only') AS read_only",
    );
    if (readOnly.rows[0]?.read_only === 'on') {
      // A read-only database (a standby, or one set read-only in a failover): nothing can be climbed,
      // but one already at the top can serve reads, and its writes are answered 503 until it is not.
      const at = await readOnlyVersion(client, schema);
      await client.query('ROLLBACK');
      if (at > LATEST_VERSION) throw new NewerSchemaError(at);
      if (at < LATEST_VERSION) throw new ReadOnlyBehindError(at);
      return at;
    }
    // Servers starting together: one climbs, the others wait and find nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`culture-pulse-ladder/${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_version (version INTEGER NOT NULL)`);
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${schema}.schema_version`,
    );
    const started = rows[0]?.version ?? 0;
    if (started > LATEST_VERSION) throw new NewerSchemaError(started);
    for (const step of LADDER) {
      if (step.version <= started) continue;
      await client.query(step.postgres(schema));
      await client.query(`DELETE FROM ${schema}.schema_version`);
      await client.query(`INSERT INTO ${schema}.schema_version (version) VALUES ($1)`, [step.version]);
    }
    await client.query('COMMIT');
    return started;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
