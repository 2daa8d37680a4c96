import { describe, expect, it } from 'vitest';
import { answerLabel, isFavourable, isScaleValue, SCALE_LABELS, SCALE_VALUES } from '../../../src/core/scale';

describe('the agreement scale', () => {
  it('has a word on every one of its five points', () => {
    expect(SCALE_VALUES).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(Object.values(SCALE_LABELS)).size).toBe(5);
    expect(answerLabel(1)).toBe('Strongly disagree');
    expect(answerLabel(5)).toBe('Strongly agree');
    expect(answerLabel('skip')).toBe('Skipped');
  });

  it('counts 4 and 5 as favourable', () => {
    expect(SCALE_VALUES.filter(isFavourable)).toEqual([4, 5]);
  });

  it('recognises only the five points as values', () => {
    expect([0, 1, 5, 6, '3', 2.5, null].map(isScaleValue)).toEqual([false, true, true, false, false, false, false]);
  });
});
