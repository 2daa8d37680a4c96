import { describe, expect, it } from 'vitest';
import { answerSchema, describeIssues, MAX_COMMENT_LENGTH, pulseRecordSchema } from '../../../src/core/schemas';
import { samplePulse } from './samples';

describe('pulseRecordSchema', () => {
  it('accepts a complete record', () => {
    const record = samplePulse('2026-W48', { comment: 'Good week — ça va' });
    expect(pulseRecordSchema.parse(record)).toEqual(record);
  });

  it.each([
    ['an unknown week', { weekId: '2025-W53' }, /weekId: must be an ISO week/],
    ['an unknown question', { questionIds: ['impact-customers', 'made-up'] }, /questionIds\[1\]: is not a question/],
    [
      'an answer out of range',
      { answers: { 'impact-customers': 6 } },
      /answers\.impact-customers: must be 1, 2, 3, 4, 5 or "skip"/,
    ],
    [
      'an answer to another week’s question',
      { questionIds: ['impact-customers'], answers: { 'choice-solution': 3 } },
      /own questions/,
    ],
    ['a comment too long', { comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, /comment/],
    ['an extra field', { name: 'Ada' }, /unexpected field "name"/],
    ['a missing field', { completed: undefined }, /completed: must be a boolean/],
  ])('rejects %s with a message naming the field', (_, change, message) => {
    const result = pulseRecordSchema.safeParse({ ...samplePulse('2026-W48'), ...change });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(message);
  });
});

describe('answerSchema', () => {
  it('takes 1 to 5 and skip only', () => {
    expect([1, 2, 3, 4, 5, 'skip'].every((a) => answerSchema.safeParse(a).success)).toBe(true);
    expect([0, 6, 2.5, '3', null, 'SKIP'].some((a) => answerSchema.safeParse(a).success)).toBe(false);
  });
});

describe('describeIssues', () => {
  it('lists at most a few problems and says how many more', () => {
    const result = pulseRecordSchema.safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error, 2)).toMatch(/…and \d+ more$/);
  });
});
