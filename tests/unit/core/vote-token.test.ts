import { describe, expect, it } from 'vitest';
import {
  authenticatorInput,
  encodeToken,
  fromBase64Url,
  NK,
  parseToken,
  redemptionContextInput,
  TOKEN_LENGTH,
  toBase64Url,
  tokenChallenge,
} from '../../../src/core/vote-token';

const filled = (n: number, byte: number) => new Uint8Array(n).fill(byte);

describe('vote tokens (RFC 9578 type 2 layout)', () => {
  const parts = { nonce: filled(32, 1), challengeDigest: filled(32, 2), keyId: filled(32, 3) };

  it('lays the token out as type, nonce, challenge digest, key id, authenticator', () => {
    const token = encodeToken({ ...parts, authenticator: filled(NK, 4) });
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect([...token.slice(0, 3)]).toEqual([0, 2, 1]);
    expect(token[34]).toBe(2);
    expect(token[66]).toBe(3);
    expect(token[98]).toBe(4);
    expect(authenticatorInput(parts)).toEqual(token.slice(0, 98));
    expect(parseToken(token)).toEqual({ ...parts, authenticator: filled(NK, 4) });
  });

  it('parses a copy, never a view: a token inside a larger buffer reads right', () => {
    const token = encodeToken({ ...parts, authenticator: filled(NK, 4) });
    const buffer = new Uint8Array(TOKEN_LENGTH + 10);
    buffer.set(token, 10);
    const parsed = parseToken(buffer.subarray(10));
    expect(parsed?.nonce).toEqual(parts.nonce);
    buffer.fill(9);
    expect(parsed?.nonce).toEqual(parts.nonce);
  });

  it('refuses what is not a type 2 token', () => {
    const token = encodeToken({ ...parts, authenticator: filled(NK, 4) });
    expect(parseToken(token.slice(1))).toBeUndefined();
    expect(parseToken(new Uint8Array([...token, 0]))).toBeUndefined();
    const otherType = token.slice();
    otherType[1] = 1;
    expect(parseToken(otherType)).toBeUndefined();
    expect(() => encodeToken({ ...parts, authenticator: filled(NK - 1, 4) })).toThrow(/256 bytes/);
    expect(() => authenticatorInput({ ...parts, nonce: filled(31, 1) })).toThrow(/nonce is 32 bytes/);
  });

  it('binds a challenge to one team and week, with the issuer named', () => {
    const context = filled(32, 7);
    const challenge = tokenChallenge(context);
    const issuer = new TextEncoder().encode('culture-pulse');
    expect([...challenge.slice(0, 4)]).toEqual([0, 2, 0, issuer.length]);
    expect(challenge.slice(4, 4 + issuer.length)).toEqual(issuer);
    expect(challenge[4 + issuer.length]).toBe(32);
    expect(challenge.slice(-2)).toEqual(new Uint8Array([0, 0]));
    expect(() => tokenChallenge(filled(31, 7))).toThrow(/32 bytes/);
    expect(new TextDecoder().decode(redemptionContextInput('platform', '2026-W48'))).toBe(
      'culture-pulse/platform/2026-W48',
    );
  });

  it('round-trips base64url without padding, and refuses anything else', () => {
    for (const n of [0, 1, 2, 3, 32, 256, 354]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    for (const bad of ['a+b', 'ab/c', 'abc=', 'a', 'ab cd']) expect(fromBase64Url(bad)).toBeUndefined();
  });
});
