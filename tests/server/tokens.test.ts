import { describe, expect, it } from 'vitest';
import { bearerToken, hashToken, newToken, tokenMatches } from '../../src/server/tokens';

describe('tokens', () => {
  it('are long, random and url-safe, and only their hash is kept', () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
  });

  it('match only their own hash', () => {
    const token = newToken();
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(`${token}x`, hashToken(token))).toBe(false);
    expect(tokenMatches(undefined, hashToken(token))).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
  });

  it('are read from a Bearer header only', () => {
    expect(bearerToken('Bearer abcdefghijklmnopqrstu')).toBe('abcdefghijklmnopqrstu');
    expect(bearerToken('Basic abcdefghijklmnopqrstu')).toBeUndefined();
    expect(bearerToken('Bearer short')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
