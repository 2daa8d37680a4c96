import { afterEach, describe, expect, it, vi } from 'vitest';
import { secureRandom } from '../../../src/background/secure-random';

afterEach(() => vi.restoreAllMocks());

describe('secureRandom', () => {
  it('draws from the crypto RNG, in [0, 1)', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const draws = Array.from({ length: 200 }, secureRandom);
    expect(spy).toHaveBeenCalledTimes(200);
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(190);
  });

  it('maps the largest draw below 1', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
      if (a instanceof Uint32Array) a.fill(2 ** 32 - 1);
      return a;
    });
    expect(secureRandom()).toBeLessThan(1);
  });
});
