import { describe, expect, it } from 'vitest';
import { keepProbability, NOISE_LEVELS, randomizeScore, uncertaintyPoints } from '../../../src/core/noise';
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

  it('matches the design’s figures for a team of 8 at 62 % favourable, and of 24', () => {
    expect(Math.round(uncertaintyPoints(2, 8))).toBe(26);
    expect(Math.round(uncertaintyPoints(3, 8))).toBe(14);
    expect(Math.round(uncertaintyPoints(4, 8))).toBe(8);
    expect(Math.round(uncertaintyPoints(3, 24))).toBe(8);
  });

  it('states the spread a simulation of the corrected estimate actually shows', () => {
    // A team of 8, five of whom answer 4 and three 2: true % favourable 62.5.
    const truth: ScaleValue[] = [4, 4, 4, 4, 4, 2, 2, 2];
    const random = seededRandom(11);
    for (const epsilon of NOISE_LEVELS) {
      const p = keepProbability(epsilon);
      const a = p + (1 - p) / 4;
      const b = (1 - p) / 2;
      const estimates: number[] = [];
      for (let run = 0; run < 20_000; run++) {
        const favourable = truth.filter((v) => randomizeScore(v, epsilon, random) >= 4).length / truth.length;
        estimates.push((100 * (favourable - b)) / (a - b));
      }
      const mean = estimates.reduce((s, x) => s + x, 0) / estimates.length;
      const sd = Math.sqrt(estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / estimates.length);
      expect(mean).toBeCloseTo(62.5, 0);
      expect(sd / uncertaintyPoints(epsilon, 8, 0.625)).toBeCloseTo(1, 1);
    }
  });
});
