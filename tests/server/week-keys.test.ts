/**
 * Week keys and vote tokens end to end in this process: the extension's client code
 * (platform/vote-token-client, RFC 9474 on BigInt and WebCrypto) blinds, the endpoint's
 * OpenSSL signs, the client finishes, the endpoint checks. Then tokens are tampered with as a
 * ballot stuffer would.
 */
import { describe, expect, it } from 'vitest';
import { parseToken, TOKEN_LENGTH } from '../../src/core/vote-token';
import { finishToken, requestToken, weekKeyId } from '../../src/platform/vote-token-client';
import {
  BadBlindRequest,
  blindSign,
  expectedChallengeDigest,
  newWeekKey,
  spentKey,
  tokenSignatureValid,
} from '../../src/server/week-keys';

const spkiOf = (key: { publicKey: string }) => new Uint8Array(Buffer.from(key.publicKey, 'base64url'));

describe('week keys and vote tokens', async () => {
  const key = await newWeekKey('2026-W48');
  const other = await newWeekKey('2026-W48');

  it('make a token the endpoint signs blind and accepts, bound to the team, week and key', async () => {
    expect(Buffer.from(await weekKeyId(spkiOf(key))).toString('base64url')).toBe(key.keyId);
    const pending = await requestToken(spkiOf(key), 'platform', '2026-W48');
    const signature = blindSign(key, pending.blindedRequest);
    // Deterministic: the same request, asked again after a lost answer, gets the same signature.
    expect(blindSign(key, pending.blindedRequest)).toEqual(signature);
    const bytes = await finishToken(spkiOf(key), pending, signature);
    expect(bytes).toHaveLength(TOKEN_LENGTH);
    const token = parseToken(bytes);
    if (!token) throw new Error('not a token');
    expect(tokenSignatureValid(key, token)).toBe(true);
    expect(Buffer.from(token.keyId).toString('base64url')).toBe(key.keyId);
    expect(token.challengeDigest).toEqual(expectedChallengeDigest('platform', '2026-W48'));
    expect(expectedChallengeDigest('platform', '2026-W49')).not.toEqual(token.challengeDigest);
    expect(expectedChallengeDigest('apps', '2026-W48')).not.toEqual(token.challengeDigest);
    expect(spentKey(bytes)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot tie the blinded request to the token: nothing of one appears in the other', async () => {
    const pending = await requestToken(spkiOf(key), 'platform', '2026-W48');
    const bytes = await finishToken(spkiOf(key), pending, blindSign(key, pending.blindedRequest));
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    for (let at = 0; at + 16 <= pending.blindedRequest.length; at += 16) {
      expect(hex(bytes)).not.toContain(hex(pending.blindedRequest.slice(at, at + 16)));
    }
    // Two requests for the same input blind differently: the signer sees a fresh number each time.
    const again = await requestToken(spkiOf(key), 'platform', '2026-W48');
    expect(hex(again.blindedRequest)).not.toBe(hex(pending.blindedRequest));
  });

  it('refuses a bit-flipped token, another key’s token, and a signature for another request', async () => {
    const pending = await requestToken(spkiOf(key), 'platform', '2026-W48');
    const bytes = await finishToken(spkiOf(key), pending, blindSign(key, pending.blindedRequest));
    for (const at of [2, 40, 70, 120, TOKEN_LENGTH - 1]) {
      const flipped = bytes.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 1;
      const token = parseToken(flipped);
      expect(token && tokenSignatureValid(key, token), `bit ${at}`).toBe(false);
    }
    const token = parseToken(bytes);
    if (!token) throw new Error('not a token');
    expect(tokenSignatureValid(other, token)).toBe(false);
    // The client finishes only a signature that checks out: one for another request is refused.
    // (Not another key's: a blinded number for this key may not be below that key's modulus at all.)
    const another = await requestToken(spkiOf(key), 'platform', '2026-W48');
    await expect(finishToken(spkiOf(key), pending, blindSign(key, another.blindedRequest))).rejects.toThrow(
      'invalid signature',
    );
  });

  it('refuses to sign what is not a blinded request', () => {
    expect(() => blindSign(key, new Uint8Array(255))).toThrow(BadBlindRequest);
    expect(() => blindSign(key, new Uint8Array(256).fill(0xff))).toThrow(/below the key’s modulus/);
  });
});
