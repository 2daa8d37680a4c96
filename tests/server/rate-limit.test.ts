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

  it('says what it holds, and never more than its bound in keys and bytes', () => {
    const limiter = rateLimiter({ perMinute: 60, burst: 2, maxKeys: 100 });
    expect(limiter.size()).toEqual({ keys: 0, bytes: 0 });
    limiter.take('a'.repeat(64), 0);
    limiter.take('a'.repeat(64), 0);
    const one = limiter.size();
    expect(one.keys).toBe(1);
    expect(one.bytes).toBeGreaterThanOrEqual(128);
    for (let i = 0; i < 10_000; i++) limiter.take(i.toString(16).padStart(64, '0'), i);
    expect(limiter.size()).toEqual({ keys: 100, bytes: 100 * one.bytes });
  });

  it('refuses a key longer than its bound: keys are the server’s, never a request’s', () => {
    const limiter = rateLimiter({ perMinute: 60, burst: 2 });
    expect(() => limiter.take('x'.repeat(15 * 1024), 0)).toThrow(RangeError);
    expect(limiter.size().keys).toBe(0);
  });
});
