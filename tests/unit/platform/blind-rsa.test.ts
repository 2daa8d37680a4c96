/**
 * Our RFC 9474 client steps against @cloudflare/blindrsa-ts, the library they replace: given the
 * same random bytes, both must blind to the same bytes; each must finalize the other's blinding.
 */
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blind, blindingKey, finalize } from '../../../src/platform/blind-rsa';

/** A repeatable stand-in for crypto.getRandomValues (mulberry32), so two implementations draw alike. */
function seededRandom(seed: number): <T extends ArrayBufferView | null>(array: T) => T {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (array) => {
    if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = next() & 0xff;
    return array;
  };
}

const withRandom = async <T>(seed: number, run: () => Promise<T>): Promise<T> => {
  const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(seededRandom(seed));
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
};

const suite = RSABSSA.SHA384.PSS.Deterministic();
const keyPair = (bits: number) =>
  RSABSSA.SHA384.generateKey({ modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) });
const spkiOf = async (key: CryptoKey) => new Uint8Array(await crypto.subtle.exportKey('spki', key));

describe('blind RSA, the client steps', async () => {
  const keys = await keyPair(2048);
  const key = await blindingKey(await spkiOf(keys.publicKey));

  afterEach(() => vi.restoreAllMocks());

  it('reads the key: a 2048-bit modulus, 256 bytes, exponent 65537', () => {
    expect(key.bits).toBe(2048);
    expect(key.bytes).toBe(256);
    expect(key.e).toBe(65537n);
  });

  it.each([
    [1, 98],
    [2, 98],
    [3, 1],
    [4, 500],
  ])('blinds exactly as the library does with the same random bytes (seed %i, %i-byte message)', async (seed, size) => {
    const message = new Uint8Array(size).map((_, i) => (i * 7 + seed) & 0xff);
    const theirs = await withRandom(seed, () => suite.blind(keys.publicKey, message));
    const ours = await withRandom(seed, () => blind(key, message));
    expect(Buffer.from(ours.blindedMsg).toString('hex')).toBe(Buffer.from(theirs.blindedMsg).toString('hex'));
    expect(Buffer.from(ours.inv).toString('hex')).toBe(Buffer.from(theirs.inv).toString('hex'));
  });

  it('blinds exactly as the library does for a 3072-bit key too', async () => {
    const big = await keyPair(3072);
    const message = new Uint8Array(98).fill(9);
    const theirs = await withRandom(7, () => suite.blind(big.publicKey, message));
    const bigKey = await blindingKey(await spkiOf(big.publicKey));
    const ours = await withRandom(7, () => blind(bigKey, message));
    expect(Buffer.from(ours.blindedMsg)).toEqual(Buffer.from(theirs.blindedMsg));
    expect(Buffer.from(ours.inv)).toEqual(Buffer.from(theirs.inv));
  });

  it("finalizes the library's blinding, and the library finalizes ours, to signatures the key verifies", async () => {
    const message = crypto.getRandomValues(new Uint8Array(98));
    const ours = await blind(key, message);
    const signed = await suite.blindSign(keys.privateKey, ours.blindedMsg);
    const signature = await finalize(key, message, signed, ours.inv);
    expect(await suite.verify(keys.publicKey, signature, message)).toBe(true);
    expect(await suite.finalize(keys.publicKey, message, signed, ours.inv)).toEqual(signature);

    const theirs = await suite.blind(keys.publicKey, message);
    const theirsSigned = await suite.blindSign(keys.privateKey, theirs.blindedMsg);
    expect(await suite.verify(keys.publicKey, await finalize(key, message, theirsSigned, theirs.inv), message)).toBe(
      true,
    );
  });

  it('draws a new blinding factor each time: the same message never blinds to the same request', async () => {
    const message = new Uint8Array(98).fill(1);
    const one = await blind(key, message);
    const two = await blind(key, message);
    expect(one.blindedMsg).not.toEqual(two.blindedMsg);
    expect(one.inv).not.toEqual(two.inv);
  });

  it('refuses a signature of another request, of another message, and inputs of the wrong length', async () => {
    const message = new Uint8Array(98).fill(2);
    const one = await blind(key, message);
    const two = await blind(key, message);
    const signedTwo = await suite.blindSign(keys.privateKey, two.blindedMsg);
    await expect(finalize(key, message, signedTwo, one.inv)).rejects.toThrow('invalid signature');
    const signedOne = await suite.blindSign(keys.privateKey, one.blindedMsg);
    await expect(finalize(key, new Uint8Array(98).fill(3), signedOne, one.inv)).rejects.toThrow('invalid signature');
    await expect(finalize(key, message, signedOne.slice(1), one.inv)).rejects.toThrow('unexpected input size');
    await expect(finalize(key, message, signedOne, one.inv.slice(1))).rejects.toThrow('unexpected input size');
  });

  it('redraws a blinding factor that is not below the modulus', async () => {
    // Every byte 0xff first (above any modulus), then the seeded bytes: one draw is thrown away.
    let first = true;
    const seeded = seededRandom(5);
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      if (array instanceof Uint8Array && array.length === 256 && first) {
        first = false;
        return array.fill(0xff);
      }
      return seeded(array);
    });
    const message = new Uint8Array(98).fill(4);
    const { blindedMsg, inv } = await blind(key, message);
    vi.restoreAllMocks();
    const signature = await finalize(key, message, await suite.blindSign(keys.privateKey, blindedMsg), inv);
    expect(await suite.verify(keys.publicKey, signature, message)).toBe(true);
    expect(first).toBe(false);
  });

  it('refuses a key that is not RSA', async () => {
    const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    await expect(blindingKey(await spkiOf(ec.publicKey))).rejects.toThrow();
  });
});
