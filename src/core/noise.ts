/**
 * Optional local noise: k-ary randomized response on the device, before a score is queued. With
 * privacy parameter ε a score is sent as given with probability e^ε / (e^ε + 4), otherwise as one
 * of the other four scores at random, so no single sent score proves what its sender answered.
 * ε is spent per question answered: a week of four questions spends 4ε.
 *
 * The endpoint is not told who added noise (a flag would link one person's weeks), so it cannot
 * correct for it: noisy scores pull a team's figures towards the middle. `shownFavourable` says
 * what a manager would see if a whole team used the same ε (the figures as shown, uncorrected):
 * it is what the options page says, in plain words.
 */
import * as z from 'zod/mini';
import { SCALE_VALUES, type ScaleValue } from './scale';

export const NOISE_LEVELS = [4, 3, 2] as const;
export type NoiseEpsilon = (typeof NOISE_LEVELS)[number];

/** Off (null) or one of the offered levels. */
export const noiseEpsilonSchema = z.nullable(
  z.literal(NOISE_LEVELS, { error: `must be off (null) or one of ${NOISE_LEVELS.join(', ')}` }),
);

/** The chance a score is sent as given. */
export function keepProbability(epsilon: number): number {
  const e = Math.exp(epsilon);
  return e / (e + SCALE_VALUES.length - 1);
}

/** One noisy score; `random` returns numbers in [0, 1) (the device's crypto RNG in the extension). */
export function randomizeScore(score: ScaleValue, epsilon: number, random: () => number): ScaleValue {
  if (random() < keepProbability(epsilon)) return score;
  const others = SCALE_VALUES.filter((v) => v !== score);
  return others[Math.min(others.length - 1, Math.floor(random() * others.length))] ?? score;
}

/** How often each statement comes round in a year (the rotation asks each about every four weeks). */
export const ROUNDS_A_YEAR = 13;

/**
 * What the trends page would show if all `teamSize` members used ε and `favourableShare` of them
 * truly answer 4 or 5: the expected % favourable, and its standard deviation from week to week,
 * in points. Exact, not simulated: a member who is favourable is shown favourable with probability
 * a (sent as given, or as the other favourable score), one who is not with probability b (sent as
 * one of the two favourable scores), and the members' draws are independent.
 */
export function shownFavourable(
  epsilon: number,
  teamSize: number,
  favourableShare = 0.62,
): { readonly pct: number; readonly spreadPoints: number } {
  const p = keepProbability(epsilon);
  const other = (1 - p) / (SCALE_VALUES.length - 1);
  const a = p + other;
  const b = 2 * other;
  const favourable = favourableShare * teamSize;
  const variance = favourable * a * (1 - a) + (teamSize - favourable) * b * (1 - b);
  return {
    pct: 100 * (favourableShare * a + (1 - favourableShare) * b),
    spreadPoints: (100 * Math.sqrt(variance)) / teamSize,
  };
}
