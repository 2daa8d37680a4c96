/**
 * The store for organisations that outgrow one machine: PostgreSQL through pg. Every method is
 * one statement, so no write is half done. `schema` keeps separate deployments (and test runs)
 * apart in one database.
 */
import type { WeekId } from '../core/week';
import type { KeptLinesNow, Store, TeamChange } from './store';
import {
  groupByWeek,
  type NoteRow,
  noteFromRow,
  type SubmissionRow,
  submissionFromRow,
  type TeamRow,
  THEME_ORDER_SQL,
  teamFromRow,
} from './stored-submission';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(connectionString: string, schema = 'culture_pulse'): Promise<Store> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a safe schema name: ${schema}`);
  // Loaded when used: pg takes a tenth of a second to load, which every SQLite command paid.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: 10, options: `-c search_path=${schema}` });
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.teams (
      team_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      ingest_token_hash TEXT NOT NULL,
      manager_token_hash TEXT NOT NULL,
      k INTEGER NOT NULL CHECK (k >= 3)
    );
    CREATE TABLE IF NOT EXISTS ${schema}.submissions (
      team_id TEXT NOT NULL REFERENCES ${schema}.teams(team_id),
      submission_id TEXT NOT NULL,
      week_id TEXT NOT NULL,
      bank_version INTEGER NOT NULL,
      scores JSONB NOT NULL,
      PRIMARY KEY (team_id, submission_id)
    );
    CREATE INDEX IF NOT EXISTS submissions_by_week ON ${schema}.submissions (team_id, week_id);
    CREATE TABLE IF NOT EXISTS ${schema}.released_weeks (
      team_id TEXT NOT NULL REFERENCES ${schema}.teams(team_id),
      week_id TEXT NOT NULL,
      k INTEGER NOT NULL,
      figures TEXT NOT NULL,
      PRIMARY KEY (team_id, week_id)
    );
    CREATE TABLE IF NOT EXISTS ${schema}.released_lines (
      team_id TEXT PRIMARY KEY REFERENCES ${schema}.teams(team_id),
      key TEXT NOT NULL,
      through TEXT NOT NULL,
      submissions INTEGER NOT NULL,
      weeks TEXT NOT NULL,
      ends TEXT NOT NULL,
      lines TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${schema}.notes (
      team_id TEXT NOT NULL REFERENCES ${schema}.teams(team_id),
      week_id TEXT NOT NULL,
      theme TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (team_id, week_id, theme)
    );
  `);

  return {
    async createTeam(team) {
      const result = await pool.query(
        `INSERT INTO teams (team_id, name, ingest_token_hash, manager_token_hash, k) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (team_id) DO NOTHING`,
        [team.teamId, team.name, team.ingestTokenHash, team.managerTokenHash, team.k],
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
      // xmax = 0 only for a row this statement inserted: it tells a first send from a retry.
      const { rows } = await pool.query<{ inserted: boolean }>(
        `INSERT INTO submissions (team_id, submission_id, week_id, bank_version, scores) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (team_id, submission_id) DO UPDATE SET
           week_id = EXCLUDED.week_id, bank_version = EXCLUDED.bank_version, scores = EXCLUDED.scores
         RETURNING (xmax = 0) AS inserted`,
        [s.teamId, s.submissionId, s.weekId, s.bankVersion, JSON.stringify(s.scores)],
      );
      return rows[0]?.inserted ? 'created' : 'replaced';
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
    async *teamSubmissionsByWeek(teamId, range = {}) {
      // One query per team: a team's rows are bounded by its size and its weeks.
      const { rows } = await pool.query<SubmissionRow>(
        'SELECT * FROM submissions WHERE team_id = $1 AND week_id BETWEEN $2 AND $3 ORDER BY week_id',
        [teamId, range.from ?? '', range.to ?? '\uffff'],
      );
      yield* groupByWeek(rows);
    },
    async teamWeeksWithKept(teamId, range = {}) {
      const { rows } = await pool.query<{ week_id: string; k: number | null; figures: string | null }>(
        `SELECT w.week_id, r.k, r.figures
         FROM (SELECT DISTINCT week_id FROM submissions WHERE team_id = $1 AND week_id BETWEEN $2 AND $3) AS w
         LEFT JOIN released_weeks AS r ON r.team_id = $1 AND r.week_id = w.week_id
         ORDER BY w.week_id`,
        [teamId, range.from ?? '', range.to ?? '\uffff'],
      );
      return rows.map((r) => ({
        weekId: r.week_id as WeekId,
        kept: r.k === null || r.figures === null ? null : { k: r.k, figures: r.figures },
      }));
    },
    async keepReleased(teamId, k, weeks) {
      if (weeks.length === 0) return;
      // One statement for all the weeks, forgetting the team's lines too: it lands whole or not at all.
      await pool.query(
        `WITH forgotten AS (DELETE FROM released_lines WHERE team_id = $1)
         INSERT INTO released_weeks (team_id, week_id, k, figures)
         SELECT $1, w.week_id, $2, w.figures FROM unnest($3::text[], $4::text[]) AS w(week_id, figures)
         ON CONFLICT (team_id, week_id) DO UPDATE SET k = EXCLUDED.k, figures = EXCLUDED.figures`,
        [teamId, k, weeks.map((w) => w.weekId), weeks.map((w) => w.figures)],
      );
    },
    async keptLines(teamId) {
      // The count and the next week tell whether weeks gained submissions since they were kept.
      const { rows } = await pool.query<KeptLinesNow>(
        `SELECT key, weeks, ends, lines, submissions AS "submissionsThen",
           (SELECT count(*)::int FROM submissions AS s WHERE s.team_id = l.team_id AND s.week_id <= l.through)
             AS "submissionsNow",
           (SELECT min(s.week_id) FROM submissions AS s WHERE s.team_id = l.team_id AND s.week_id > l.through)
             AS "nextWeek"
         FROM released_lines AS l WHERE team_id = $1`,
        [teamId],
      );
      return rows[0] ?? null;
    },
    async keepLines(teamId, through, kept) {
      await pool.query(
        `INSERT INTO released_lines (team_id, key, through, submissions, weeks, ends, lines)
         VALUES ($1, $2, $3, (SELECT count(*) FROM submissions WHERE team_id = $1 AND week_id <= $3), $4, $5, $6)
         ON CONFLICT (team_id) DO UPDATE SET key = EXCLUDED.key, through = EXCLUDED.through,
           submissions = EXCLUDED.submissions, weeks = EXCLUDED.weeks, ends = EXCLUDED.ends, lines = EXCLUDED.lines`,
        [teamId, kept.key, through, kept.weeks, kept.ends, kept.lines],
      );
    },
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
    async close() {
      await pool.end();
    },
  };
}
