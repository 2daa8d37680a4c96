/**
 * The store for organisations that outgrow one machine: PostgreSQL through pg. Every method is
 * one statement or one transaction, so no write is half done. `schema` keeps separate deployments
 * (and test runs) apart in one database.
 *
 * PostgreSQL keeps rows in the order they were written and stamps each with its transaction
 * (xmin), so while a week collects its rows tell their order of arrival. Releasing a week writes
 * its rows again, in random order, in the release's one transaction: from then on neither their
 * place nor their xmin says which came first. (Dead copies stay in the table's pages until
 * autovacuum reuses them, and the write-ahead log keeps what it keeps: see the README.)
 */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

import { randomInt } from 'node:crypto';
import type { WeekId } from '../core/week';
import { postgresLinesCache } from './lines-cache';
import { climbPostgres } from './schema-ladder';
import type { Store, StoredRelease, TeamChange } from './store';
import {
  type NoteRow,
  noteFromRow,
  type SubmissionRow,
  submissionFromRow,
  type TeamRow,
  THEME_ORDER_SQL,
  teamFromRow,
  type WeekKeyRow,
  weekKeyFromRow,
} from './stored-submission';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  /**
   * Told of an error on a connection outside any query (PostgreSQL restarted, failed over, the
   * network dropped): the pool has already let that connection go. Unheard, such an error would
   * end the process.
   */
  readonly onConnectionError?: (error: unknown) => void;
  /** How long to wait for a new connection (default 3 s); then the request is answered 503. */
  readonly connectTimeoutMs?: number;
  /** How long a query may go unanswered before it is given up with its connection (default 30 s). */
  readonly queryTimeoutMs?: number;
}

/** How long to wait for a connection before the request is told to come back (503). */
const CONNECT_TIMEOUT_MS = 3_000;
/** A query that gets no answer this long is given up, with its connection (a silent network drop). */
const QUERY_TIMEOUT_MS = 30_000;

export async function openPostgresStore(
  connectionString: string,
  schema = 'culture_pulse',
  options: PostgresStoreOptions = {},
): Promise<Store> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a safe schema name: ${schema}`);
  // Loaded when used: pg takes a tenth of a second to load, which every SQLite command paid.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
    // Probes an idle connection, so a dropped network is noticed before a request waits on it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const connectionError = options.onConnectionError ?? (() => undefined);
  // An idle connection's error reaches the pool; a checked-out one's reaches only its client, and
  // either, unheard, throws from the event emitter and ends the process. Every client gets a
  // listener for its whole life: a query on it still fails, and the pool drops it on release.
  pool.on('error', connectionError);
  pool.on('connect', (client) => client.on('error', connectionError));
  try {
    await climbPostgres(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  /** The lock key the submit() function takes, shared, for the same team and week (schema-ladder.ts). */
  const weekLock = (teamId: string, weekId: string) => `${schema}/${teamId}/${weekId}`;

  return {
    async createTeam(team) {
      const result = await pool.query(
        `INSERT INTO teams (team_id, name, kind, ingest_token_hash, manager_token_hash, k) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (team_id) DO NOTHING`,
        [team.teamId, team.name, team.kind, team.ingestTokenHash, team.managerTokenHash, team.k],
      );
      return result.rowCount === 1;
    },
    async getTeam(teamId) {
      const { rows } = await pool.query<TeamRow>('SELECT * FROM teams WHERE team_id = $1', [teamId]);
      return rows[0] ? teamFromRow(rows[0]) : undefined;
    },
    async listTeams() {
      const { rows } = await pool.query<TeamRow>('SELECT * FROM teams ORDER BY team_id');
      return rows.map(teamFromRow);
    },
    async updateTeam(teamId, change: TeamChange) {
      const result = await pool.query(
        `UPDATE teams SET
           name = COALESCE($2, name),
           ingest_token_hash = COALESCE($3, ingest_token_hash),
           manager_token_hash = COALESCE($4, manager_token_hash),
           k = COALESCE($5, k)
         WHERE team_id = $1`,
        [
          teamId,
          change.name ?? null,
          change.ingestTokenHash ?? null,
          change.managerTokenHash ?? null,
          change.k ?? null,
        ],
      );
      return result.rowCount === 1;
    },
    async upsertSubmission(s) {
      // submit() (schema-ladder.ts) writes it unless the week is released, atomically with releaseWeeks.
      const { rows } = await pool.query<{ result: string }>(`SELECT ${schema}.submit($1, $2, $3, $4, $5) AS result`, [
        s.teamId,
        s.weekId,
        s.submissionId,
        s.bankVersion,
        JSON.stringify(s.scores),
      ]);
      const result = rows[0]?.result;
      if (result === 'created' || result === 'replaced' || result === 'released') return result;
      throw new Error(`submit() answered ${String(result)}.`);
    },
    async castVote(v) {
      // cast_vote() (schema-ladder.ts) writes it once, unless the week is released.
      const { rows } = await pool.query<{ result: string }>(
        `SELECT ${schema}.cast_vote($1, $2, $3, $4, $5) AS result`,
        [v.teamId, v.weekId, v.submissionId, v.bankVersion, JSON.stringify(v.scores)],
      );
      const result = rows[0]?.result;
      if (result === 'created' || result === 'same' || result === 'differs' || result === 'released') return result;
      throw new Error(`cast_vote() answered ${String(result)}.`);
    },
    async addInvites(teamId, hashes) {
      // One statement: the team's row is what it checks, and it writes all or (no team) none.
      const { rows } = await pool.query<{ found: boolean }>(
        `WITH team AS (SELECT team_id FROM teams WHERE team_id = $1),
           added AS (INSERT INTO invites (team_id, invite_hash) SELECT team.team_id, h FROM team, unnest($2::text[]) AS h)
         SELECT EXISTS (SELECT 1 FROM team) AS found`,
        [teamId, hashes],
      );
      return rows[0]?.found === true;
    },
    async revokeInvites(teamId, prefix) {
      const result = await pool.query(
        'UPDATE invites SET revoked = TRUE WHERE team_id = $1 AND NOT revoked AND left(invite_hash, length($2)) = $2',
        [teamId, prefix],
      );
      return result.rowCount ?? 0;
    },
    async inviteActive(teamId, hash) {
      const { rows } = await pool.query<{ revoked: boolean }>(
        'SELECT revoked FROM invites WHERE team_id = $1 AND invite_hash = $2',
        [teamId, hash],
      );
      return rows[0]?.revoked === false;
    },
    async inviteCounts(teamId) {
      const { rows } = await pool.query<{ active: number; revoked: number }>(
        `SELECT count(*) FILTER (WHERE NOT revoked)::int AS active, count(*) FILTER (WHERE revoked)::int AS revoked
         FROM invites WHERE team_id = $1`,
        [teamId],
      );
      return { active: rows[0]?.active ?? 0, revoked: rows[0]?.revoked ?? 0 };
    },
    async weekKeys(teamId, from, to) {
      const { rows } = await pool.query<WeekKeyRow>(
        `SELECT week_id, key_id, public_key, private_key FROM week_keys
         WHERE team_id = $1 AND week_id BETWEEN $2 AND $3 ORDER BY week_id`,
        [teamId, from, to],
      );
      return rows.map(weekKeyFromRow);
    },
    async addWeekKeys(teamId, keys) {
      if (keys.length === 0) return;
      await pool.query(
        `INSERT INTO week_keys (team_id, week_id, key_id, public_key, private_key)
         SELECT $1, k.week_id, k.key_id, k.public_key, k.private_key
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(week_id, key_id, public_key, private_key)
         ON CONFLICT (team_id, week_id) DO NOTHING`,
        [
          teamId,
          keys.map((k) => k.weekId),
          keys.map((k) => k.keyId),
          keys.map((k) => k.publicKey),
          keys.map((k) => k.privateKey),
        ],
      );
    },
    async recordIssuance(teamId, weekId, inviteHash, requestHash) {
      // Inserted, or the request it holds: one statement, so two requests at once cannot both be "new".
      const { rows } = await pool.query<{ request_hash: string; inserted: boolean }>(
        `WITH added AS (
           INSERT INTO issuances (team_id, week_id, invite_hash, request_hash) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING request_hash
         )
         SELECT request_hash, TRUE AS inserted FROM added
         UNION ALL
         SELECT request_hash, FALSE FROM issuances WHERE team_id = $1 AND week_id = $2 AND invite_hash = $3`,
        [teamId, weekId, inviteHash, requestHash],
      );
      const row = rows.find((r) => r.inserted) ?? rows[0];
      if (!row) throw new Error('The issuance was neither written nor found.');
      if (row.inserted) return 'new';
      return row.request_hash === requestHash ? 'same' : 'other';
    },
    async weekSubmissions(teamId, weekId) {
      const { rows } = await pool.query<SubmissionRow>(
        'SELECT * FROM submissions WHERE team_id = $1 AND week_id = $2',
        [teamId, weekId],
      );
      return rows.map(submissionFromRow);
    },
    async teamWeeks(teamId) {
      const { rows } = await pool.query<{ week_id: string }>(
        'SELECT DISTINCT week_id FROM submissions WHERE team_id = $1 ORDER BY week_id',
        [teamId],
      );
      return rows.map((r) => r.week_id as WeekId);
    },
    async unreleasedWeeks(teamId, through) {
      const { rows } = await pool.query<{ week_id: string }>(
        `SELECT DISTINCT s.week_id FROM submissions AS s WHERE s.team_id = $1 AND s.week_id <= $2
           AND NOT EXISTS (SELECT 1 FROM releases AS r WHERE r.team_id = s.team_id AND r.week_id = s.week_id)
         ORDER BY s.week_id`,
        [teamId, through],
      );
      return rows.map((r) => r.week_id as WeekId);
    },
    async releaseWeeks(teamId, k, weekIds, figuresOf) {
      if (weekIds.length === 0) return;
      const weeks = [...new Set(weekIds)].sort();
      const client = await pool.connect();
      let failure: unknown;
      try {
        await client.query('BEGIN');
        // Exclusive week locks (in one order, so two releases never deadlock): a submission for
        // these weeks waits, then finds them released. What committed before is read below.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended(w, 0)) FROM unnest($1::text[]) AS w', [
          weeks.map((w) => weekLock(teamId, w)),
        ]);
        const done = await client.query<{ week_id: string }>(
          'SELECT week_id FROM releases WHERE team_id = $1 AND week_id = ANY($2)',
          [teamId, weeks],
        );
        const released = new Set(done.rows.map((r) => r.week_id));
        const { rows } = await client.query<SubmissionRow>(
          'SELECT * FROM submissions WHERE team_id = $1 AND week_id = ANY($2)',
          [teamId, weeks.filter((w) => !released.has(w))],
        );
        const byWeek = new Map<string, SubmissionRow[]>();
        for (const row of rows) {
          const weekRows = byWeek.get(String(row.week_id));
          if (weekRows) weekRows.push(row);
          else byWeek.set(String(row.week_id), [row]);
        }
        const newly = [...byWeek.entries()];
        if (newly.length > 0) {
          const figures = newly.map(([, weekRows]) => figuresOf(weekRows.map(submissionFromRow)));
          await client.query(
            `INSERT INTO releases (team_id, week_id, k, figures)
             SELECT $1, w.week_id, $2, w.figures FROM unnest($3::text[], $4::text[]) AS w(week_id, figures)`,
            [teamId, k, newly.map(([w]) => w), figures],
          );
          // The same rows again, in random order, all stamped with this transaction.
          const again = shuffled(newly.flatMap(([, weekRows]) => weekRows));
          await client.query('DELETE FROM submissions WHERE team_id = $1 AND week_id = ANY($2)', [
            teamId,
            newly.map(([w]) => w),
          ]);
          await client.query(
            `INSERT INTO submissions (team_id, submission_id, week_id, bank_version, scores)
             SELECT $1, r.submission_id, r.week_id, r.bank_version, r.scores
             FROM unnest($2::text[], $3::text[], $4::int[], $5::jsonb[]) AS r(submission_id, week_id, bank_version, scores)`,
            [
              teamId,
              again.map((r) => r.submission_id),
              again.map((r) => r.week_id),
              again.map((r) => r.bank_version),
              again.map((r) => JSON.stringify(r.scores)),
            ],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        failure = error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        // A client whose transaction failed may have lost its connection: the pool drops it.
        client.release(failure instanceof Error ? failure : undefined);
      }
    },
    async teamReleases(teamId, range = {}) {
      const { rows } = await pool.query<{ week_id: string; k: number; figures: string }>(
        'SELECT week_id, k, figures FROM releases WHERE team_id = $1 AND week_id BETWEEN $2 AND $3 ORDER BY week_id',
        [teamId, range.from ?? '', range.to ?? '\uffff'],
      );
      return rows.map((r): StoredRelease => ({ weekId: r.week_id as WeekId, k: r.k, figures: r.figures }));
    },
    lines: postgresLinesCache(pool),
    async putNote(note) {
      const result = await pool.query(
        `INSERT INTO notes (team_id, week_id, theme, text)
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM teams WHERE team_id = $1)
         ON CONFLICT (team_id, week_id, theme) DO UPDATE SET text = EXCLUDED.text`,
        [note.teamId, note.weekId, note.theme, note.text],
      );
      return result.rowCount === 1;
    },
    async deleteNote(teamId, weekId, theme) {
      const result = await pool.query('DELETE FROM notes WHERE team_id = $1 AND week_id = $2 AND theme = $3', [
        teamId,
        weekId,
        theme,
      ]);
      return result.rowCount === 1;
    },
    async teamNotes(teamId) {
      const { rows } = await pool.query<NoteRow>(
        `SELECT week_id, theme, text FROM notes WHERE team_id = $1 ORDER BY week_id, ${THEME_ORDER_SQL}`,
        [teamId],
      );
      return rows.map(noteFromRow);
    },
    async ping() {
      await pool.query('SELECT 1 FROM teams LIMIT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
