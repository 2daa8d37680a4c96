import { describe, expect, it } from 'vitest';
import { summarizeWeek } from '../../../src/core/history';
import type { PulseRecord } from '../../../src/core/schemas';

const record: PulseRecord = {
  weekId: '2026-W48',
  bankVersion: 1,
  questionIds: ['impact-customers', 'impact-outcome', 'choice-solution', 'improvement-growth'],
  answers: { 'impact-customers': 4, 'impact-outcome': 5, 'choice-solution': 'skip' },
  comment: '=SUM(A1), "quoted"\nnext line',
  completed: false,
  updatedAt: 1,
};

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
