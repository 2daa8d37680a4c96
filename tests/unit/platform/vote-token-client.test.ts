/**
 * The extension's token client against a signer made of WebCrypto pieces only (the endpoint's
 * OpenSSL signer is exercised with it in tests/server/week-keys.test.ts).
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/core/vote-token';
import { finishToken, requestToken, weekKeyId } from '../../../src/platform/vote-token-client';

describe('the vote token client', async () => {
  const keys = await RSABSSA.SHA384.generateKey({ modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) });
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const suite = RSABSSA.SHA384.PSS.Deterministic();

  it('blinds a fresh input each time, and finishes a token the key verifies', async () => {
    const one = await requestToken(spki, 'squad', '2026-W48');
    const two = await requestToken(spki, 'squad', '2026-W48');
    expect(one.input.nonce).not.toEqual(two.input.nonce);
    expect(one.input.challengeDigest).toEqual(two.input.challengeDigest);
    expect(one.input.keyId).toEqual(await weekKeyId(spki));
    const signature = await suite.blindSign(keys.privateKey, one.blindedRequest);
    const token = parseToken(await finishToken(spki, one, signature));
    if (!token) throw new Error('not a token');
    expect(token.nonce).toEqual(one.input.nonce);
    const input = (await finishToken(spki, one, signature)).slice(0, 98);
    expect(await suite.verify(keys.publicKey, token.authenticator, input)).toBe(true);
  });

  it('refuses to finish with a signature of another request', async () => {
    const one = await requestToken(spki, 'squad', '2026-W48');
    const two = await requestToken(spki, 'squad', '2026-W48');
    await expect(finishToken(spki, one, await suite.blindSign(keys.privateKey, two.blindedRequest))).rejects.toThrow(
      'invalid signature',
    );
  });
});
