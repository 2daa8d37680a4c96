import { describe, expect, it } from 'vitest';
import { rateLimiter } from '../../src/server/rate-limit';

describe('rateLimiter', () => {
  it('lets a burst through, then refills at the set rate, per key', () => {
    const limiter = rateLimiter({ perMinute: 60, burst: 2 });
    expect(limiter.take('a', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 1000)).toEqual({ ok: true });
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const limiter = rateLimiter({ perMinute: 1, burst: 1, maxKeys: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    // 'a' was forgotten, so it starts with a full bucket again; 'c' is remembered and empty.
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('c', 0).ok).toBe(false);
  });
});
