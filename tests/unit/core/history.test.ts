import { describe, expect, it } from 'vitest';
import { summarizeWeek } from '../../../src/core/history';
import { halfAnswered } from './samples';

const record = halfAnswered;

describe('summarizeWeek', () => {
  it('averages 1–5 answers per theme, leaving skipped and unanswered themes empty', () => {
    expect(summarizeWeek(record)).toEqual({
      weekId: '2026-W48',
      answered: 2,
      skipped: 1,
      asked: 4,
      themeMeans: { impact: 4.5, choice: null, improvement: null },
    });
  });
});
