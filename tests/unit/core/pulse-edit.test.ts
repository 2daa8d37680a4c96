import { describe, expect, it } from 'vitest';
import {
  newPulseRecord,
  resumeStep,
  WeekClosedError,
  withAnswer,
  withComment,
  withCompleted,
} from '../../../src/core/pulse-edit';
import { pulseForWeek } from '../../../src/core/rotation';
import { MAX_COMMENT_LENGTH, pulseRecordSchema } from '../../../src/core/schemas';

const open = new Date(2026, 10, 26, 12);
const closed = new Date(2026, 10, 30, 0, 0);

describe('editing a week’s pulse', () => {
  const fresh = newPulseRecord(pulseForWeek('2026-W48'));
  const first = fresh.questionIds[0] ?? '';

  it('starts empty with the week’s own questions, and stays valid', () => {
    expect(fresh.answers).toEqual({});
    expect(fresh.questionIds).toEqual(pulseForWeek('2026-W48').questions.map((q) => q.id));
    expect(pulseRecordSchema.safeParse(fresh).success).toBe(true);
  });

  it('records and changes answers while the week is open', () => {
    const a = withAnswer(fresh, first, 4, open);
    const b = withAnswer(a, first, 'skip', open);
    expect(a.answers[first]).toBe(4);
    expect(b.answers[first]).toBe('skip');
    expect(fresh.answers).toEqual({});
  });

  it('refuses any change once the week has closed', () => {
    expect(() => withAnswer(fresh, first, 4, closed)).toThrow(WeekClosedError);
    expect(() => withComment(fresh, 'late', closed)).toThrow(/closed/);
    expect(() => withCompleted(fresh, true, closed)).toThrow(WeekClosedError);
  });

  it('refuses answers to questions the week does not ask', () => {
    const other = pulseForWeek('2026-W49').questions.find((q) => !fresh.questionIds.includes(q.id));
    expect(other).toBeDefined();
    expect(() => withAnswer(fresh, other?.id ?? '', 3, open)).toThrow(RangeError);
  });

  it('cuts comments at the maximum length', () => {
    expect(withComment(fresh, 'x'.repeat(MAX_COMMENT_LENGTH + 10), open).comment).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it('resumes at the first unanswered question, then the comment', () => {
    expect(resumeStep(undefined)).toBe(0);
    expect(resumeStep(fresh)).toBe(0);
    const one = withAnswer(fresh, first, 2, open);
    expect(resumeStep(one)).toBe(1);
    const all = fresh.questionIds.reduce((r, id) => withAnswer(r, id, 'skip', open), fresh);
    expect(resumeStep(all)).toBe(fresh.questionIds.length);
  });
});
