import { describe, expect, it } from 'vitest';
import { smoothed } from '../../../src/core/smoothing';

describe('the trend line', () => {
  it('is the mean of each week and its neighbours', () => {
    expect(smoothed([40, 50, 60, 80], 1)).toEqual([45, 50, 63.3, 70]);
    expect(smoothed([40, 50, 60, 80], 0)).toEqual([40, 50, 60, 80]);
  });

  it('leaves hidden weeks out instead of counting them as zero, and bridges a short gap', () => {
    expect(smoothed([40, null, 60], 1)).toEqual([40, 50, 60]);
  });

  it('invents nothing before the first or after the last shown week', () => {
    expect(smoothed([null, null, 50, 70, null], 1)).toEqual([null, null, 60, 60, null]);
    expect(smoothed([null, null], 2)).toEqual([null, null]);
    expect(smoothed([], 1)).toEqual([]);
  });

  it('leaves a gap wider than its window a gap', () => {
    expect(smoothed([40, null, null, null, 60], 1)).toEqual([40, 40, null, 60, 60]);
  });
});
