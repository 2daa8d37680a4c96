import { describe, expect, it } from 'vitest';
import { keepProbability, NOISE_LEVELS, randomizeScore, shownFavourable } from '../../../src/core/noise';
import { SCALE_VALUES, type ScaleValue } from '../../../src/core/scale';
import { seededRandom } from './samples';

describe('randomized response', () => {
  it('keeps a score with probability e^ε / (e^ε + 4)', () => {
    expect(keepProbability(2)).toBeCloseTo(0.649, 3);
    expect(keepProbability(3)).toBeCloseTo(0.834, 3);
    expect(keepProbability(4)).toBeCloseTo(0.932, 3);
  });

  it('sends the score as given that often, and otherwise each other score equally often', () => {
    const random = seededRandom(7);
    const counts = new Map<ScaleValue, number>();
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const sent = randomizeScore(4, 3, random);
      counts.set(sent, (counts.get(sent) ?? 0) + 1);
    }
    expect([...counts.keys()].every((v) => SCALE_VALUES.includes(v))).toBe(true);
    expect((counts.get(4) ?? 0) / draws).toBeCloseTo(keepProbability(3), 2);
    for (const other of [1, 2, 3, 5] as const) {
      expect((counts.get(other) ?? 0) / draws).toBeCloseTo((1 - keepProbability(3)) / 4, 2);
    }
  });

  it('says what a manager sees of a team of 8 at 62 % favourable: pulled to the middle, and how much it moves', () => {
    const shown = (eps: number) => {
      const f = shownFavourable(eps, 8);
      return [Math.round(f.pct), Math.round(f.spreadPoints)];
    };
    expect(shown(4)).toEqual([60, 7]);
    expect(shown(3)).toEqual([57, 11]);
    expect(shown(2)).toEqual([52, 15]);
  });

  it('states what a simulation of the shown (uncorrected) figure actually gives', () => {
    // A team of 8, five of whom answer 4 and three 2: true % favourable 62.5.
    const truth: ScaleValue[] = [4, 4, 4, 4, 4, 2, 2, 2];
    const random = seededRandom(11);
    for (const epsilon of NOISE_LEVELS) {
      const shown: number[] = [];
      for (let run = 0; run < 20_000; run++) {
        const sent = truth.map((s) => randomizeScore(s, epsilon, random));
        shown.push((100 * sent.filter((s) => s >= 4).length) / sent.length);
      }
      const mean = shown.reduce((s, x) => s + x, 0) / shown.length;
      const sd = Math.sqrt(shown.reduce((s, x) => s + (x - mean) ** 2, 0) / shown.length);
      const exact = shownFavourable(epsilon, 8, 0.625);
      expect(mean).toBeCloseTo(exact.pct, 0);
      expect(mean).toBeLessThan(62.5);
      expect(sd / exact.spreadPoints).toBeCloseTo(1, 1);
    }
  });
});
