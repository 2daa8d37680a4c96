import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { scored } from './samples';

const sub = scored;

describe('aggregateWeek', () => {
  it('counts people, means and favourable/neutral/unfavourable shares per question and per theme', () => {
    const week = aggregateWeek([
      sub(1, { 'impact-customers': 5, 'impact-outcome': 4, 'choice-solution': 1 }),
      sub(2, { 'impact-customers': 3, 'choice-solution': 2 }),
      sub(3, { 'impact-customers': 1 }),
      sub(4, { 'impact-customers': 4 }),
    ]);
    expect(week.responses).toBe(4);
    expect(week.questions.get('impact-customers')).toEqual({
      responses: 4,
      mean: 3.25,
      favourablePct: 50,
      neutralPct: 25,
      unfavourablePct: 25,
    });
    expect(week.questions.get('choice-solution')).toMatchObject({ responses: 2, mean: 1.5, unfavourablePct: 100 });
    // The impact theme pools 5 scores from 4 people.
    expect(week.themes.get('impact')).toMatchObject({ responses: 4, mean: 17 / 5, favourablePct: 60 });
    expect(week.themes.has('improvement')).toBe(false);
  });

  it('is empty for a week with no submissions', () => {
    const week = aggregateWeek([]);
    expect(week.responses).toBe(0);
    expect(week.questions.size).toBe(0);
    expect(week.themes.size).toBe(0);
  });
});
