import { describe, expect, it } from 'vitest';
import { bankQuestions, THEMES } from '../../../src/core/questions';
import { pulseForWeek } from '../../../src/core/rotation';
import { addWeeksToId, type WeekId } from '../../../src/core/week';

const weeks = (from: WeekId, n: number): WeekId[] => Array.from({ length: n }, (_, i) => addWeeksToId(from, i));

describe('pulseForWeek', () => {
  it('asks 3 to 5 distinct questions, at least one per theme', () => {
    for (const week of weeks('2026-W01', 120)) {
      const { questions } = pulseForWeek(week);
      expect(questions.length).toBeGreaterThanOrEqual(3);
      expect(questions.length).toBeLessThanOrEqual(5);
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
      for (const theme of THEMES)
        expect(
          questions.some((q) => q.theme === theme),
          `${week} ${theme}`,
        ).toBe(true);
    }
  });

  it('is the same for everyone in the same week (a pure function of week and bank version)', () => {
    expect(pulseForWeek('2026-W48')).toEqual(pulseForWeek('2026-W48'));
    expect(pulseForWeek('2026-W48').questions).not.toEqual(pulseForWeek('2026-W49').questions);
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
