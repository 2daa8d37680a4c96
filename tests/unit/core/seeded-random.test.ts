import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/seeded-random';

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1) spread evenly', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(seededRandom(43)()).not.toBe(draws[0]);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const low = draws.filter((x) => x < 0.5).length / draws.length;
    expect(low).toBeGreaterThan(0.48);
    expect(low).toBeLessThan(0.52);
  });
});
