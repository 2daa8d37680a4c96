import { describe, expect, it } from 'vitest';
import { weekTicks } from '../../../src/core/week-ticks';

describe('axis labels per week', () => {
  it('labels every week when they fit', () => {
    expect(weekTicks(8, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(weekTicks(8, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('labels every 2nd, 4th, 13th… week otherwise, always the latest, only whole weeks', () => {
    expect(weekTicks(8, 5)).toEqual([1, 3, 5, 7]);
    expect(weekTicks(52, 10)).toEqual([3, 11, 19, 27, 35, 43, 51]);
    const long = weekTicks(104, 9);
    expect(long.at(-1)).toBe(103);
    expect(long.length).toBeLessThanOrEqual(9);
    expect(long.every((i) => Number.isInteger(i) && i >= 0)).toBe(true);
    expect(new Set(long.slice(1).map((i, n) => i - (long[n] ?? 0))).size).toBe(1);
  });

  it('labels at least the latest week however narrow, and nothing without weeks', () => {
    expect(weekTicks(30, 0)).toEqual([29]);
    expect(weekTicks(0, 10)).toEqual([]);
  });
});
