/**
 * The default store: SQLite in one file (WAL, synchronous=FULL, so an acknowledged submission
 * survives a power cut). better-sqlite3 is synchronous; each method is one statement or one
 * transaction, so no write is ever half done.
 */
import Database from 'better-sqlite3';
import type { Submission } from '../core/submission';
import type { WeekId } from '../core/week';
import { sqliteLinesCache } from './lines-cache';
import { climbSqlite } from './schema-ladder';
import type { IssuanceResult, Store, StoredRelease, TeamChange, UpsertResult, VoteResult } from './store';
import {
  type NoteRow,
  noteFromRow,
  type SubmissionRow,
  sameScores,
  submissionFromRow,
  type TeamRow,
  THEME_ORDER_SQL,
  teamFromRow,
  type WeekKeyRow,
  weekKeyFromRow,
} from './stored-submission';
import type { WeekKey } from './week-keys';

export interface SqliteStoreOptions {
  /**
   * Sees the connection once it is set up, before the store uses it: for a setting of the
   * connection's own, such as a cap on the file's size (`PRAGMA max_page_count`).
   */
  readonly onConnection?: (db: Database.Database) => void;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which a server fills under
  // load and never gives back (RSS stayed 25 MB higher after a flood); SQLite's own 2 MB is ample.
  db.pragma('cache_size = -2000');
  climbSqlite(db);
  options.onConnection?.(db);

  const insertTeam = db.prepare(
    // ON CONFLICT, not OR IGNORE: OR IGNORE would also swallow the CHECK on k.
    `INSERT INTO teams (team_id, name, kind, ingest_token_hash, manager_token_hash, k) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id) DO NOTHING`,
  );
  const selectTeam = db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE team_id = ?');
  const selectTeams = db.prepare<[], TeamRow>('SELECT * FROM teams ORDER BY team_id');
  // What a change leaves out (null) stays as it is: the same statement as the PostgreSQL store's.
  const updateTeam = db.prepare(
    `UPDATE teams SET name = COALESCE(@name, name), ingest_token_hash = COALESCE(@ingestTokenHash, ingest_token_hash),
       manager_token_hash = COALESCE(@managerTokenHash, manager_token_hash), k = COALESCE(@k, k)
     WHERE team_id = @teamId`,
  );
  const selectAnyTeam = db.prepare('SELECT 1 FROM teams LIMIT 1');
  const exists = db.prepare<[string, string, string], { one: number }>(
    'SELECT 1 AS one FROM submissions WHERE team_id = ? AND week_id = ? AND submission_id = ?',
  );
  // Written only while the week has no release: one connection runs this and releaseMany one at a
  // time, so a submission is either in its week's figures or refused.
  const upsert = db.prepare(
    `INSERT INTO submissions (team_id, submission_id, week_id, bank_version, scores)
     SELECT @teamId, @submissionId, @weekId, @bankVersion, @scores
     WHERE NOT EXISTS (SELECT 1 FROM releases WHERE team_id = @teamId AND week_id = @weekId)
     ON CONFLICT (team_id, week_id, submission_id) DO UPDATE SET
       bank_version = excluded.bank_version, scores = excluded.scores`,
  );
  const selectWeek = db.prepare<[string, string], SubmissionRow>(
    'SELECT * FROM submissions WHERE team_id = ? AND week_id = ?',
  );
  // Plucked (the value, not an object a row): an export asks for every team's weeks.
  const selectWeeks = db
    .prepare<[string], string>('SELECT DISTINCT week_id FROM submissions WHERE team_id = ? ORDER BY week_id')
    .pluck(true);

  const upsertNote = db.prepare(
    `INSERT INTO notes (team_id, week_id, theme, text) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM teams WHERE team_id = ?)
     ON CONFLICT (team_id, week_id, theme) DO UPDATE SET text = excluded.text`,
  );
  const selectUnreleased = db
    .prepare<[string, string], string>(
      `SELECT DISTINCT s.week_id FROM submissions AS s WHERE s.team_id = ? AND s.week_id <= ?
         AND NOT EXISTS (SELECT 1 FROM releases AS r WHERE r.team_id = s.team_id AND r.week_id = s.week_id)
       ORDER BY s.week_id`,
    )
    .pluck(true);
  const isReleased = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM releases WHERE team_id = ? AND week_id = ?',
  );
  const insertRelease = db.prepare('INSERT INTO releases (team_id, week_id, k, figures) VALUES (?, ?, ?, ?)');
  const releaseMany = db.transaction(
    (teamId: string, k: number, weekIds: readonly WeekId[], figuresOf: (s: readonly Submission[]) => string) => {
      for (const weekId of weekIds) {
        if (isReleased.get(teamId, weekId)) continue;
        const submissions = selectWeek.all(teamId, weekId).map(submissionFromRow);
        if (submissions.length > 0) insertRelease.run(teamId, weekId, k, figuresOf(submissions));
      }
    },
  );
  // Raw rows (arrays, not objects): an export reads a hundred thousand of them.
  const selectReleases = db
    .prepare<[string, string, string], [string, number, string]>(
      'SELECT week_id, k, figures FROM releases WHERE team_id = ? AND week_id BETWEEN ? AND ? ORDER BY week_id',
    )
    .raw(true);
  const removeNote = db.prepare('DELETE FROM notes WHERE team_id = ? AND week_id = ? AND theme = ?');
  const selectNotes = db.prepare<[string], NoteRow>(
    `SELECT week_id, theme, text FROM notes WHERE team_id = ? ORDER BY week_id, ${THEME_ORDER_SQL}`,
  );

  const upsertOne = (s: Submission): UpsertResult => {
    const existed = exists.get(s.teamId, s.weekId, s.submissionId) !== undefined;
    const { teamId, submissionId, weekId, bankVersion } = s;
    const written = upsert.run({ teamId, submissionId, weekId, bankVersion, scores: JSON.stringify(s.scores) });
    if (written.changes === 0) return 'released';
    return existed ? 'replaced' : 'created';
  };

  const selectVote = db.prepare<[string, string, string], { bank_version: number; scores: string }>(
    'SELECT bank_version, scores FROM submissions WHERE team_id = ? AND week_id = ? AND submission_id = ?',
  );
  // A vote is never replaced: a new one is one statement; only one that did not go in is looked up.
  const insertVote = db.prepare(
    `INSERT INTO submissions (team_id, submission_id, week_id, bank_version, scores)
     SELECT @teamId, @submissionId, @weekId, @bankVersion, @scores
     WHERE NOT EXISTS (SELECT 1 FROM releases WHERE team_id = @teamId AND week_id = @weekId)
     ON CONFLICT (team_id, week_id, submission_id) DO NOTHING`,
  );
  const castOne = (v: Submission): VoteResult => {
    const { teamId, submissionId, weekId, bankVersion } = v;
    const written = insertVote.run({ teamId, submissionId, weekId, bankVersion, scores: JSON.stringify(v.scores) });
    if (written.changes === 1) return 'created';
    const found = selectVote.get(teamId, weekId, submissionId);
    if (!found) return 'released';
    return found.bank_version === bankVersion && sameScores(found.scores, v.scores) ? 'same' : 'differs';
  };

  /**
   * Group commit: writes that arrive while the event loop is busy run in one transaction, one fsync
   * for all, and each request is answered only after that commit. If the batch fails, each is
   * retried alone, so one bad write cannot sink the others.
   */
  type Write = { run: () => unknown; done: (r: unknown) => void; failed: (e: unknown) => void };
  let batch: Write[] = [];
  const runMany = db.transaction((writes: readonly Write[]) => writes.map((w) => w.run()));
  const runOne = db.transaction((write: Write) => write.run());
  const flush = () => {
    const pending = batch;
    batch = [];
    try {
      const results = runMany(pending);
      for (const [i, p] of pending.entries()) p.done(results[i]);
    } catch {
      for (const p of pending) {
        try {
          p.done(runOne(p));
        } catch (error) {
          p.failed(error);
        }
      }
    }
  };
  const queued = <R>(run: () => R): Promise<R> =>
    new Promise<R>((done, failed) => {
      if (batch.length === 0) setImmediate(flush);
      batch.push({ run, done: done as (r: unknown) => void, failed });
    });

  const insertInvite = db.prepare('INSERT INTO invites (team_id, invite_hash) VALUES (?, ?)');
  const teamExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM teams WHERE team_id = ?');
  const addInvites = db.transaction((teamId: string, hashes: readonly string[]) => {
    if (!teamExists.get(teamId)) return false;
    for (const hash of hashes) insertInvite.run(teamId, hash);
    return true;
  });
  const revoke = db.prepare(
    'UPDATE invites SET revoked = 1 WHERE team_id = ? AND revoked = 0 AND substr(invite_hash, 1, length(?)) = ?',
  );
  const selectInvite = db.prepare<[string, string], { revoked: number }>(
    'SELECT revoked FROM invites WHERE team_id = ? AND invite_hash = ?',
  );
  const countInvites = db.prepare<[string], { active: number; revoked: number }>(
    'SELECT count(*) - coalesce(sum(revoked), 0) AS active, coalesce(sum(revoked), 0) AS revoked FROM invites WHERE team_id = ?',
  );
  const selectKeys = db.prepare<[string, string, string], WeekKeyRow>(
    'SELECT week_id, key_id, public_key, private_key FROM week_keys WHERE team_id = ? AND week_id BETWEEN ? AND ? ORDER BY week_id',
  );
  const insertKey = db.prepare(
    `INSERT INTO week_keys (team_id, week_id, key_id, public_key, private_key) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (team_id, week_id) DO NOTHING`,
  );
  const addKeys = db.transaction((teamId: string, keys: readonly WeekKey[]) => {
    for (const k of keys) insertKey.run(teamId, k.weekId, k.keyId, k.publicKey, k.privateKey);
  });
  const selectIssuance = db.prepare<[string, string, string], { request_hash: string }>(
    'SELECT request_hash FROM issuances WHERE team_id = ? AND week_id = ? AND invite_hash = ?',
  );
  const insertIssuance = db.prepare(
    'INSERT INTO issuances (team_id, week_id, invite_hash, request_hash) VALUES (?, ?, ?, ?)',
  );
  const issueOne = (teamId: string, weekId: string, inviteHash: string, requestHash: string): IssuanceResult => {
    const found = selectIssuance.get(teamId, weekId, inviteHash);
    if (found) return found.request_hash === requestHash ? 'same' : 'other';
    insertIssuance.run(teamId, weekId, inviteHash, requestHash);
    return 'new';
  };

  return {
    async createTeam(team) {
      return (
        insertTeam.run(team.teamId, team.name, team.kind, team.ingestTokenHash, team.managerTokenHash, team.k)
          .changes === 1
      );
    },
    async getTeam(teamId) {
      const row = selectTeam.get(teamId);
      return row ? teamFromRow(row) : undefined;
    },
    async listTeams() {
      return selectTeams.all().map(teamFromRow);
    },
    async updateTeam(teamId, change: TeamChange) {
      const { name = null, ingestTokenHash = null, managerTokenHash = null, k = null } = change;
      return updateTeam.run({ teamId, name, ingestTokenHash, managerTokenHash, k }).changes === 1;
    },
    upsertSubmission(submission) {
      return queued(() => upsertOne(submission));
    },
    castVote(vote) {
      return queued(() => castOne(vote));
    },
    async addInvites(teamId, hashes) {
      return addInvites(teamId, hashes);
    },
    async revokeInvites(teamId, prefix) {
      return revoke.run(teamId, prefix, prefix).changes;
    },
    async inviteActive(teamId, hash) {
      return selectInvite.get(teamId, hash)?.revoked === 0;
    },
    async inviteCounts(teamId) {
      const counts = countInvites.get(teamId);
      return { active: counts?.active ?? 0, revoked: counts?.revoked ?? 0 };
    },
    async weekKeys(teamId, from, to) {
      return selectKeys.all(teamId, from, to).map(weekKeyFromRow);
    },
    async addWeekKeys(teamId, keys) {
      addKeys(teamId, keys);
    },
    recordIssuance(teamId, weekId, inviteHash, requestHash) {
      // Committed with whatever else is queued: a week's first morning brings every member's request.
      return queued(() => issueOne(teamId, weekId, inviteHash, requestHash));
    },
    async weekSubmissions(teamId, weekId) {
      return selectWeek.all(teamId, weekId).map(submissionFromRow);
    },
    async teamWeeks(teamId) {
      return selectWeeks.all(teamId) as WeekId[];
    },
    async unreleasedWeeks(teamId, through) {
      return selectUnreleased.all(teamId, through) as WeekId[];
    },
    async releaseWeeks(teamId, k, weekIds, figuresOf) {
      releaseMany(teamId, k, weekIds, figuresOf);
    },
    async teamReleases(teamId, range = {}) {
      return selectReleases
        .all(teamId, range.from ?? '', range.to ?? '\uffff')
        .map(([weekId, k, figures]): StoredRelease => ({ weekId: weekId as WeekId, k, figures }));
    },
    lines: sqliteLinesCache(db),
    async putNote(note) {
      return upsertNote.run(note.teamId, note.weekId, note.theme, note.text, note.teamId).changes === 1;
    },
    async deleteNote(teamId, weekId, theme) {
      return removeNote.run(teamId, weekId, theme).changes === 1;
    },
    async teamNotes(teamId) {
      return selectNotes.all(teamId).map(noteFromRow);
    },
    async ping() {
      selectAnyTeam.get();
    },
    async close() {
      if (batch.length > 0) flush();
      db.close();
    },
  };
}
