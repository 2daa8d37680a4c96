/**
 * A token bucket per key (a token's hash, a client's address, or one key for everyone): `burst`
 * requests at once, refilled at `perMinute`. In memory and bounded in keys and bytes: the least
 * recently used keys are forgotten past `maxKeys`, and a key longer than `maxKeyLength` is refused,
 * so what a request may put in the map is never larger than what the server chose.
 */
export interface RateLimiter {
  /** Whether a request may go ahead now; if not, how many seconds until it could. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  /** What the limiter holds: its keys, and an estimate of their bytes (keys and buckets). */
  size(): { keys: number; bytes: number };
}

/** A bucket's bytes besides its key in V8 (the map entry, the object and its two numbers), rounded up. */
const BUCKET_BYTES = 96;

export function rateLimiter({
  perMinute,
  burst,
  maxKeys = 10_000,
  maxKeyLength = 64,
}: {
  perMinute: number;
  burst: number;
  maxKeys?: number;
  maxKeyLength?: number;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  let keyChars = 0;
  return {
    take(key, now) {
      // A caller's mistake, not a request's: keys are made by the server, never taken from a request.
      if (key.length > maxKeyLength) throw new RangeError(`A rate limit key is longer than ${maxKeyLength}.`);
      const known = buckets.get(key);
      const bucket = known ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      if (known) buckets.delete(key);
      else keyChars += key.length;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value ?? '';
        buckets.delete(oldest);
        keyChars -= oldest.length;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    },
    size() {
      // Two bytes a character: the most V8 uses for a string.
      return { keys: buckets.size, bytes: keyChars * 2 + buckets.size * BUCKET_BYTES };
    },
  };
}
