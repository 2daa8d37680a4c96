import { describe, expect, it } from 'vitest';
import { checkPulseRecord, isAnswer, MAX_COMMENT_LENGTH } from '../../../src/core/pulse-record';
import { pulseRecordSchema } from '../../../src/core/schemas';
import { samplePulse } from './samples';

const good = samplePulse('2026-W48', { comment: 'Good week — ça va', completed: false });
const [first = '', second = ''] = good.questionIds;

/** Each breaks one field (or the whole) in one way; the reader and the zod schema must agree on all. */
const broken: [string, unknown][] = [
  ['not an object', 'a string'],
  ['null', null],
  ['an array', [good]],
  ['an extra field', { ...good, name: 'Ada' }],
  ['a week that does not exist', { ...good, weekId: '2025-W53' }],
  ['a week id of another shape', { ...good, weekId: '2026-48' }],
  ['a week id that is a number', { ...good, weekId: 202648 }],
  ['no week id', { ...good, weekId: undefined }],
  ['bank version 0', { ...good, bankVersion: 0 }],
  ['a fractional bank version', { ...good, bankVersion: 1.5 }],
  ['a bank version as text', { ...good, bankVersion: '1' }],
  ['question ids that are not an array', { ...good, questionIds: first }],
  ['no question ids', { ...good, questionIds: [], answers: {} }],
  ['eleven question ids', { ...good, questionIds: Array(11).fill(first), answers: {} }],
  ['an unknown question', { ...good, questionIds: [first, 'made-up'], answers: {} }],
  ['a question id that is a number', { ...good, questionIds: [first, 7], answers: {} }],
  ['answers that are an array', { ...good, answers: [4] }],
  ['answers that are null', { ...good, answers: null }],
  ['an answer of 6', { ...good, answers: { [first]: 6 } }],
  ['an answer of 0', { ...good, answers: { [first]: 0 } }],
  ['an answer of 2.5', { ...good, answers: { [first]: 2.5 } }],
  ['an answer as text', { ...good, answers: { [first]: '3' } }],
  ['an answer of SKIP', { ...good, answers: { [first]: 'SKIP' } }],
  ['an answer to an unknown question', { ...good, answers: { 'made-up': 3 } }],
  ['an answer to another week’s question', { ...good, questionIds: [first], answers: { [second]: 3 } }],
  ['a comment too long', { ...good, comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }],
  ['a comment that is not text', { ...good, comment: null }],
  ['completed as text', { ...good, completed: 'true' }],
  ['no completed', { ...good, completed: undefined }],
  ['a negative updatedAt', { ...good, updatedAt: -1 }],
  ['an updatedAt that is not whole', { ...good, updatedAt: 1.5 }],
  ['an infinite updatedAt', { ...good, updatedAt: Number.POSITIVE_INFINITY }],
  ['an updatedAt that is NaN', { ...good, updatedAt: Number.NaN }],
  ['an importedAt as text', { ...good, importedAt: '1' }],
  ['a negative importedAt', { ...good, importedAt: -5 }],
];

const fine: [string, unknown][] = [
  ['a half-answered record', good],
  ['a record without answers', { ...good, answers: {} }],
  ['a comment at the limit', { ...good, comment: 'x'.repeat(MAX_COMMENT_LENGTH) }],
  ['an imported record', { ...good, importedAt: 1_700_000_000_000 }],
  ['importedAt present but undefined', { ...good, importedAt: undefined }],
  ['every answer, skip too', samplePulse('2026-W47')],
  ['a week 53', samplePulse('2026-W53')],
];

describe('checkPulseRecord', () => {
  it.each(fine)('reads %s as the zod schema does', (_, value) => {
    const checked = checkPulseRecord(value);
    expect(checked).toEqual({ ok: true, record: pulseRecordSchema.parse(value) });
  });

  it.each(broken)('refuses %s, as the zod schema does, saying which field', (_, value) => {
    const checked = checkPulseRecord(value);
    expect(pulseRecordSchema.safeParse(value).success).toBe(false);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(/^[\w().[\]-]+: /);
  });

  it('names the field and the problem, one line each, a few at most', () => {
    const checked = checkPulseRecord({ ...good, answers: { [first]: 42 }, comment: 7 });
    expect(checked).toEqual({
      ok: false,
      problem: `answers.${first}: must be 1, 2, 3, 4, 5 or "skip"\ncomment: must be a string (missing or wrong type)`,
    });
    const many = checkPulseRecord({ a: 1 });
    expect(many.ok === false && many.problem.split('\n')).toHaveLength(6);
    expect(many.ok === false && many.problem).toMatch(/…and \d+ more$/);
  });

  it('returns a copy: changing it leaves the stored value as it was', () => {
    const stored = structuredClone(good);
    const checked = checkPulseRecord(stored);
    if (!checked.ok) throw new Error(checked.problem);
    checked.record.answers[second] = 1;
    checked.record.questionIds.pop();
    expect(stored).toEqual(good);
  });
});

describe('isAnswer', () => {
  it('takes 1 to 5 and skip only', () => {
    expect([1, 2, 3, 4, 5, 'skip'].every(isAnswer)).toBe(true);
    expect([0, 6, 2.5, '3', null, 'SKIP', undefined].some(isAnswer)).toBe(false);
  });
});
