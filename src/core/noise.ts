/**
 * Optional local noise: k-ary randomized response on the device, before a score is queued. With
 * privacy parameter ε a score is sent as given with probability e^ε / (e^ε + 4), otherwise as one
 * of the other four scores at random, so no single sent score proves what its sender answered.
 * ε is spent per question answered: a week of four questions spends 4ε.
 *
 * The endpoint is not told who added noise (a flag would link one person's weeks), so it cannot
 * correct for it: noisy scores pull a team's figures towards the middle. `uncertaintyPoints` says
 * how uncertain % favourable would be if a whole team used the same ε and the figures were
 * corrected with the unbiased estimator; it is what the options page shows, in plain words.
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

/**
 * One standard error, in percentage points, of a team's corrected % favourable when all `teamSize`
 * members use ε and `favourableShare` of them truly answer 4 or 5. Exact, not simulated: each
 * member reports "favourable" with probability a (if they are) or b (if not); the estimator
 * (observed − b) / (a − b) is unbiased, and its variance is the sum of the members' variances.
 */
export function uncertaintyPoints(epsilon: number, teamSize: number, favourableShare = 0.62): number {
  const p = keepProbability(epsilon);
  const other = (1 - p) / (SCALE_VALUES.length - 1);
  const a = p + other; // favourable, and sent as the other favourable score or as given
  const b = 2 * other; // not favourable, sent as one of the two favourable scores
  const favourable = favourableShare * teamSize;
  const variance = favourable * a * (1 - a) + (teamSize - favourable) * b * (1 - b);
  return (100 * Math.sqrt(variance)) / (teamSize * (a - b));
}
