/**
 * A token bucket per key (a team id, never an address): `burst` requests at once, refilled at
 * `perMinute`. In memory and bounded: the least recently used keys are forgotten past `maxKeys`.
 */
export interface RateLimiter {
  /** Whether a request may go ahead now; if not, how many seconds until it could. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export function rateLimiter({
  perMinute,
  burst,
  maxKeys = 10_000,
}: {
  perMinute: number;
  burst: number;
  maxKeys?: number;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(key, now) {
      const bucket = buckets.get(key) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value ?? '');
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    },
  };
}
