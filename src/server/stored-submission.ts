/** Rows read back from either store, turned into records; a bad row is an error, not a cast. */
import { type Note, noteSchema } from '../core/notes';
import { describeIssues } from '../core/schemas';
import { type Submission, storedSubmissionSchema } from '../core/submission';
import { isWeekId, type WeekId } from '../core/week';
import type { Team } from './store';
import type { WeekKey } from './week-keys';

export interface SubmissionRow {
  readonly team_id: unknown;
  readonly submission_id: unknown;
  readonly week_id: unknown;
  readonly bank_version: unknown;
  readonly scores: unknown;
}

export class CorruptRowError extends Error {
  override name = 'CorruptRowError';
}

export function submissionFromRow(row: SubmissionRow): Submission {
  let scores: unknown = row.scores;
  if (typeof scores === 'string') {
    try {
      scores = JSON.parse(scores);
    } catch {
      throw new CorruptRowError(`Stored submission ${String(row.submission_id)} has unreadable scores.`);
    }
  }
  const parsed = storedSubmissionSchema.safeParse({
    submissionId: row.submission_id,
    teamId: row.team_id,
    weekId: row.week_id,
    bankVersion: typeof row.bank_version === 'string' ? Number(row.bank_version) : row.bank_version,
    scores,
  });
  if (!parsed.success) {
    throw new CorruptRowError(
      `Stored submission ${String(row.submission_id)} is not valid: ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}

export interface TeamRow {
  team_id: string;
  name: string;
  kind: string;
  ingest_token_hash: string;
  manager_token_hash: string;
  k: number;
}

export function teamFromRow(row: TeamRow): Team {
  if (row.kind !== 'open' && row.kind !== 'personal') {
    throw new CorruptRowError(`Stored team ${row.team_id} has an unknown kind.`);
  }
  return {
    teamId: row.team_id,
    name: row.name,
    kind: row.kind,
    ingestTokenHash: row.ingest_token_hash,
    managerTokenHash: row.manager_token_hash,
    k: row.k,
  };
}

export interface NoteRow {
  readonly week_id: unknown;
  readonly theme: unknown;
  readonly text: unknown;
}

export function noteFromRow(row: NoteRow): Note {
  const parsed = noteSchema.safeParse({ weekId: row.week_id, theme: row.theme, text: row.text });
  if (!parsed.success) throw new CorruptRowError(`A stored note is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Whether stored scores (JSON text, or what pg parsed) are exactly these. */
export function sameScores(stored: unknown, scores: Submission['scores']): boolean {
  let found: unknown = stored;
  if (typeof found === 'string') {
    try {
      found = JSON.parse(found);
    } catch {
      return false;
    }
  }
  if (typeof found !== 'object' || found === null) return false;
  const a = Object.entries(found).sort(([x], [y]) => (x < y ? -1 : 1));
  const b = Object.entries(scores).sort(([x], [y]) => (x < y ? -1 : 1));
  return a.length === b.length && a.every(([id, v], i) => b[i]?.[0] === id && b[i]?.[1] === v);
}

export interface WeekKeyRow {
  readonly week_id: unknown;
  readonly key_id: unknown;
  readonly public_key: unknown;
  readonly private_key: unknown;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

export function weekKeyFromRow(row: WeekKeyRow): WeekKey {
  const { week_id: weekId, key_id: keyId, public_key: publicKey, private_key: privateKey } = row;
  if (
    typeof weekId !== 'string' ||
    !isWeekId(weekId) ||
    typeof keyId !== 'string' ||
    !B64URL.test(keyId) ||
    typeof publicKey !== 'string' ||
    !B64URL.test(publicKey) ||
    typeof privateKey !== 'string' ||
    !B64URL.test(privateKey)
  ) {
    throw new CorruptRowError(`A stored week key of ${String(weekId)} is not valid.`);
  }
  return { weekId, keyId, publicKey, privateKey };
}

/** Themes in the bank's order, for a stable note order in both stores. */
export const THEME_ORDER_SQL = "CASE theme WHEN 'impact' THEN 0 WHEN 'choice' THEN 1 ELSE 2 END";

/** Rows ordered by week, grouped into weeks as they come. */
export function* groupByWeek<R extends SubmissionRow>(
  rows: Iterable<R>,
): Generator<{ weekId: WeekId; submissions: Submission[] }> {
  let current: { weekId: WeekId; submissions: Submission[] } | undefined;
  for (const row of rows) {
    const submission = submissionFromRow(row);
    if (current?.weekId !== submission.weekId) {
      if (current) yield current;
      current = { weekId: submission.weekId, submissions: [] };
    }
    current.submissions.push(submission);
  }
  if (current) yield current;
}
