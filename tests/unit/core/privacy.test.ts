import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { releaseWeek } from '../../../src/core/privacy';
import { scored } from './samples';

const sub = scored;
const team = (n: number, scores: (i: number) => Record<string, 1 | 2 | 3 | 4 | 5>) =>
  Array.from({ length: n }, (_, i) => sub(i + 1, scores(i)));

describe('releaseWeek', () => {
  it('shows nothing at all for a week with fewer than k responses', () => {
    const week = releaseWeek(aggregateWeek(team(4, () => ({ 'impact-customers': 4 }))), 5);
    expect(week).toEqual({ responses: null, suppressed: true, questions: {}, themes: {} });
  });

  it('shows cells of k or more, rounded, and hides smaller ones with "fewer than k responses"', () => {
    const week = releaseWeek(
      aggregateWeek(
        team(6, (i) => ({ 'impact-customers': ((i % 5) + 1) as 1, ...(i < 2 ? { 'choice-solution': 5 } : {}) })),
      ),
      5,
    );
    expect(week.responses).toBe(6);
    expect(week.questions['impact-customers']).toEqual({
      suppressed: false,
      responses: 6,
      mean: 2.67,
      favourablePct: 33,
      neutralPct: 17,
      unfavourablePct: 50,
    });
    expect(week.questions['choice-solution']).toEqual({ suppressed: true, reason: 'fewer than 5 responses' });
  });

  it('hides a theme when one of its questions is hidden, so theme minus question cannot reveal it', () => {
    // 6 people answer impact-customers; only 2 answer impact-outcome, which must stay hidden.
    const week = releaseWeek(
      aggregateWeek(team(6, (i) => ({ 'impact-customers': 4, ...(i < 2 ? { 'impact-outcome': 1 } : {}) }))),
      5,
    );
    expect(week.questions['impact-customers']?.suppressed).toBe(false);
    expect(week.questions['impact-outcome']?.suppressed).toBe(true);
    expect(week.themes.impact).toEqual({ suppressed: true, reason: 'fewer than 5 responses to one of its questions' });
  });

  it('never runs with k below 3', () => {
    expect(() => releaseWeek(aggregateWeek([]), 2)).toThrow(RangeError);
  });
});
