/** The 5-point agreement scale, with a word on every point, and "skip". */

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];
export type Answer = ScaleValue | 'skip';

export const SCALE_LABELS: Record<ScaleValue, string> = {
  1: 'Strongly disagree',
  2: 'Disagree',
  3: 'Neutral',
  4: 'Agree',
  5: 'Strongly agree',
};

export function answerLabel(answer: Answer): string {
  return answer === 'skip' ? 'Skipped' : SCALE_LABELS[answer];
}

export function isScaleValue(x: unknown): x is ScaleValue {
  return x === 1 || x === 2 || x === 3 || x === 4 || x === 5;
}

/** "Favourable" is 4 or 5, as Culture Amp and DX report it. */
export function isFavourable(value: ScaleValue): boolean {
  return value >= 4;
}
