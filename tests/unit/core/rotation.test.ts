import { describe, expect, it } from 'vitest';
import { bankQuestions, THEMES } from '../../../src/core/questions';
import { pulseForWeek, QUESTIONS_PER_WEEK } from '../../../src/core/rotation';
import { addWeeksToId, type WeekId } from '../../../src/core/week';

const weeks = (from: WeekId, n: number): WeekId[] => Array.from({ length: n }, (_, i) => addWeeksToId(from, i));

describe('pulseForWeek', () => {
  it('asks exactly QUESTIONS_PER_WEEK (4) distinct questions, at least one per theme', () => {
    expect(QUESTIONS_PER_WEEK).toBe(4);
    for (const week of weeks('2026-W01', 120)) {
      const { questions } = pulseForWeek(week);
      expect(questions).toHaveLength(QUESTIONS_PER_WEEK);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const theme of THEMES)
        expect(
          questions.some((q) => q.theme === theme),
          `${week} ${theme}`,
        ).toBe(true);
    }
  });

  it('is the same for everyone in the same week, whatever version of the extension they run', () => {
    // Pinned: a change to the rotation would split a team across versions into groups below k.
    const ids = (week: WeekId) => pulseForWeek(week).questions.map((q) => q.id);
    expect(ids('2026-W48')).toEqual([
      'impact-puzzles',
      'choice-right-thing-easy',
      'choice-solution',
      'improvement-feedback',
    ]);
    expect(ids('2027-W01')).toEqual(['impact-outcome', 'choice-how-we-work', 'choice-boundaries', 'improvement-team']);
    expect(ids('2026-W48')).not.toEqual(ids('2026-W49'));
  });

  it('brings every question of the bank round within a few weeks, year after year', () => {
    for (const start of ['2026-W40', '2027-W51'] as WeekId[]) {
      const asked = new Set(weeks(start, 6).flatMap((w) => pulseForWeek(w).questions.map((q) => q.id)));
      expect([...asked].sort()).toEqual(
        bankQuestions()
          .map((q) => q.id)
          .sort(),
      );
    }
  });
});
