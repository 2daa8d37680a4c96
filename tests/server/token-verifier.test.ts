/** Vote tokens checked in the worker: the same answers as a check on the spot, in order, whatever comes. */
import { constants, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticatorInput, encodeToken, TOKEN_LENGTH } from '../../src/core/vote-token';
import { tokenVerifier } from '../../src/server/token-verifier';
import { expectedChallengeDigest, newWeekKey, type WeekKey } from '../../src/server/week-keys';

const keyA = await newWeekKey('2026-W48');
const keyB = await newWeekKey('2026-W49');

/** A token as blinding and unblinding would give it: the key's RSA-PSS signature of the input. */
function tokenOf(key: WeekKey): Uint8Array {
  const input = {
    nonce: new Uint8Array(randomBytes(32)),
    challengeDigest: expectedChallengeDigest('platform', key.weekId),
    keyId: new Uint8Array(Buffer.from(key.keyId, 'base64url')),
  };
  const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const authenticator = sign('sha384', authenticatorInput(input), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 48,
  });
  return encodeToken({ ...input, authenticator: new Uint8Array(authenticator) });
}

function flipped(token: Uint8Array, at: number): Uint8Array {
  const copy = token.slice();
  copy[at] = (copy[at] ?? 0) ^ 1;
  return copy;
}

const verifiers: ReturnType<typeof tokenVerifier>[] = [];
const made = (options?: { maxKeys?: number }) => {
  const v = tokenVerifier(options);
  verifiers.push(v);
  return v;
};
afterAll(async () => {
  for (const v of verifiers) await v.close();
});

describe('the token checker', () => {
  it('accepts a signed token and refuses an altered one, another key’s, and garbage', async () => {
    const v = made();
    const token = tokenOf(keyA);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(await v.valid(keyA, token)).toBe(true);
    for (const at of [0, 5, 40, 97, 98, 200, TOKEN_LENGTH - 1]) {
      expect(await v.valid(keyA, flipped(token, at)), `bit at ${at}`).toBe(false);
    }
    expect(await v.valid(keyB, token)).toBe(false);
    expect(await v.valid(keyA, new Uint8Array(TOKEN_LENGTH).fill(0xff))).toBe(false);
    expect(await v.valid(keyA, new Uint8Array(3))).toBe(false);
  });

  it('answers a turn’s many checks, of two keys, each with its own result', async () => {
    const v = made();
    const cases = Array.from({ length: 60 }, (_, i) => {
      const key = i % 2 ? keyA : keyB;
      const token = tokenOf(key);
      return { key, token: i % 3 === 0 ? flipped(token, 120) : token, want: i % 3 !== 0 };
    });
    const results = await Promise.all(cases.map((c) => v.valid(c.key, c.token)));
    expect(results).toEqual(cases.map((c) => c.want));
  });

  it('sends keys again once it has forgotten them past its limit', async () => {
    const v = made({ maxKeys: 1 });
    for (let round = 0; round < 3; round++) {
      expect(await v.valid(keyA, tokenOf(keyA))).toBe(true);
      expect(await v.valid(keyB, tokenOf(keyB))).toBe(true);
    }
    const both = await Promise.all([v.valid(keyA, tokenOf(keyA)), v.valid(keyB, tokenOf(keyB))]);
    expect(both).toEqual([true, true]);
  });

  it('fails the checks waiting when closed, and starts again on the next one', async () => {
    const v = made();
    expect(await v.valid(keyA, tokenOf(keyA))).toBe(true);
    const waiting = v.valid(keyA, tokenOf(keyA));
    // Let the check go out to the worker, then close it under the check.
    await new Promise((done) => setImmediate(done));
    const failed = expect(waiting).rejects.toThrow(/closed/);
    await v.close();
    await failed;
    expect(await v.valid(keyA, tokenOf(keyA))).toBe(true);
  });
});
