import { describe, expect, it } from 'vitest';
import { CorruptRowError, groupByWeek, submissionFromRow } from '../../src/server/stored-submission';

const row = {
  team_id: 'platform',
  submission_id: 'a'.repeat(64),
  week_id: '2026-W47',
  bank_version: 1,
  scores: '{"impact-customers":4}',
};

describe('stored rows', () => {
  it('become submissions, from SQLite text or PostgreSQL JSONB and numeric strings', () => {
    const expected = {
      submissionId: 'a'.repeat(64),
      teamId: 'platform',
      weekId: '2026-W47',
      bankVersion: 1,
      scores: { 'impact-customers': 4 },
    };
    expect(submissionFromRow(row)).toEqual(expected);
    expect(submissionFromRow({ ...row, bank_version: '1', scores: { 'impact-customers': 4 } })).toEqual(expected);
  });

  it('are refused, never cast, when damaged', () => {
    for (const bad of [
      { ...row, scores: '{"impact-customers":9}' },
      { ...row, scores: 'not json' },
      { ...row, week_id: '2026-W99' },
      { ...row, bank_version: 99 },
      { ...row, submission_id: 'short' },
    ]) {
      expect(() => submissionFromRow(bad), JSON.stringify(bad)).toThrow(CorruptRowError);
    }
  });

  it('group into weeks in the order they come', () => {
    const weeks = [...groupByWeek([row, row, { ...row, week_id: '2026-W48' }])];
    expect(weeks.map((w) => [w.weekId, w.submissions.length])).toEqual([
      ['2026-W47', 2],
      ['2026-W48', 1],
    ]);
  });
});
