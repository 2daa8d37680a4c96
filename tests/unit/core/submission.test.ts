import { describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../../src/core/rotation';
import { describeIssues } from '../../../src/core/schemas';
import { submissionSchema } from '../../../src/core/submission';

const ids = pulseForWeek('2026-W47').questions.map((q) => q.id);
const good = {
  submissionId: 'ab'.repeat(32),
  teamId: 'platform-team',
  weekId: '2026-W47',
  bankVersion: 1,
  scores: { [ids[0] ?? '']: 4, [ids[1] ?? '']: 2 },
};

describe('submissionSchema', () => {
  it('accepts a week’s scores for its own questions', () => {
    expect(submissionSchema.parse(good)).toEqual(good);
  });

  it.each([
    ['a comment', { comment: 'hello' }, /unexpected field "comment"/],
    ['a time', { sentAt: 1_790_000_000_000 }, /unexpected field "sentAt"/],
    ['a name', { name: 'Ada' }, /unexpected field "name"/],
    ['a score out of range', { scores: { [ids[0] ?? '']: 6 } }, /scores\..*: must be a whole score from 1 to 5/],
    ['a skip sent as a score', { scores: { [ids[0] ?? '']: 'skip' } }, /whole score/],
    ['a question the week does not ask', { scores: { 'impact-made-up': 3 } }, /is not a question week 2026-W47 asks/],
    ['no scores at all', { scores: {} }, /scores: must hold at least one score/],
    ['a bad submission id', { submissionId: 'device-42' }, /submissionId: must be 64 lowercase hex/],
    ['a bad team id', { teamId: 'Platform Team' }, /teamId: must be 3–40 lowercase/],
    ['a week that does not exist', { weekId: '2025-W53' }, /weekId/],
    ['a bank version this side does not know', { bankVersion: 6 }, /bankVersion: is newer than this endpoint knows/],
  ])('refuses %s with a message naming the field', (_, change, message) => {
    const result = submissionSchema.safeParse({ ...good, ...change });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(message);
  });
});
