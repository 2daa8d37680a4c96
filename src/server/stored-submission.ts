/** Rows read back from either store are parsed like any other input: a bad row is an error, not a cast. */
import { describeIssues } from '../core/schemas';
import { type Submission, submissionSchema } from '../core/submission';

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
  const parsed = submissionSchema.safeParse({
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
