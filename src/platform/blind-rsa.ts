/**
 * The client's two steps of RFC 9474 blind RSA, RSABSSA-SHA384-PSS-Deterministic: blind a message
 * for a public key, and finalize the signer's blind signature into an RSA-PSS signature, checked
 * with WebCrypto before it is returned.
 *
 * Why not @cloudflare/blindrsa-ts, which we started with: its numbers are sjcl's, in JavaScript.
 * A week's token is made once, in a service worker that has just started, where that code has
 * never run: blind + finalize took 131–138 ms there (budget 100 ms), against 2–4 ms with the
 * engine's own BigInt. The library stays in the tests as the oracle: given the same random bytes,
 * both give the same blinded message and inverse (tests/unit/platform/blind-rsa.test.ts).
 *
 * Random bytes are drawn as the library draws them (the salt, then the blinding factor), so that
 * comparison holds. The blinding factor r, drawn uniformly from [1, n), is what keeps the signer
 * from linking request and token. BigInt arithmetic is not constant-time (nor was sjcl's): only
 * code on the engineer's own machine could time it, and the secrets it handles are theirs.
 */

import { fromBase64Url } from '../core/vote-token';

const HASH = 'SHA-384';
const HASH_BYTES = 48;
/** The salt length of the RSABSSA-SHA384-PSS variants: the hash's length. */
const SALT_BYTES = 48;
/** random_integer_uniform gives up after this many draws (the chance of needing more is below 2^-128). */
const MAX_DRAWS = 128;

/** A public key as the arithmetic needs it, and as WebCrypto verifies with it. */
export interface BlindingKey {
  readonly n: bigint;
  readonly e: bigint;
  /** The modulus's length in bits, and in bytes (modulus_len). */
  readonly bits: number;
  readonly bytes: number;
  readonly verifier: CryptoKey;
}

const toInt = (bytes: Uint8Array): bigint => {
  let hex = '0x0';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return BigInt(hex);
};

function toBytes(x: bigint, length: number): Uint8Array<ArrayBuffer> {
  const hex = x.toString(16);
  if (hex.length > 2 * length) throw new Error(`The number does not fit in ${length} bytes.`);
  const padded = hex.padStart(2 * length, '0');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const mod = (a: bigint, n: bigint) => ((a % n) + n) % n;

/** a⁻¹ mod n by the extended Euclidean algorithm; undefined when gcd(a, n) is not 1. */
function inverseMod(a: bigint, n: bigint): bigint | undefined {
  let [r0, r1] = [mod(a, n), n];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return r0 === 1n ? mod(s0, n) : undefined;
}

function powMod(base: bigint, exponent: bigint, n: bigint): bigint {
  let result = 1n;
  let b = mod(base, n);
  for (let x = exponent; x > 0n; x >>= 1n) {
    if (x & 1n) result = (result * b) % n;
    b = (b * b) % n;
  }
  return result;
}

const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);
const digest = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest(HASH, own(bytes)));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** MGF1 with SHA-384 (RFC 8017 B.2.1). */
async function mgf1(seed: Uint8Array, length: number): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  for (let counter = 0; blocks.length * HASH_BYTES < length; counter++) {
    const c = new Uint8Array(4);
    new DataView(c.buffer).setUint32(0, counter);
    blocks.push(await digest(concat(seed, c)));
  }
  return concat(...blocks).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017 9.1.1) with SHA-384, MGF1 and a 48-byte salt. */
async function pssEncode(message: Uint8Array, emBits: number): Promise<Uint8Array> {
  const emLen = Math.ceil(emBits / 8);
  const mHash = await digest(message);
  if (emLen < HASH_BYTES + SALT_BYTES + 2) throw new Error('The key is too short for RSA-PSS with SHA-384.');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const h = await digest(concat(new Uint8Array(8), mHash, salt));
  const db = concat(new Uint8Array(emLen - SALT_BYTES - HASH_BYTES - 2), Uint8Array.of(0x01), salt);
  const mask = await mgf1(h, emLen - HASH_BYTES - 1);
  const masked = db.map((byte, i) => byte ^ (mask[i] ?? 0));
  masked[0] = (masked[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  return concat(masked, h, Uint8Array.of(0xbc));
}

/** random_integer_uniform(1, n): modulus_len random bytes, drawn again while 0 or not below n. */
function randomBelow(n: bigint, bytes: number): bigint {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const r = toInt(crypto.getRandomValues(new Uint8Array(bytes)));
    if (r !== 0n && r < n) return r;
  }
  throw new Error('No random number below the modulus was drawn.');
}

/** The key from its SubjectPublicKeyInfo (an RSA-PSS SHA-384 key to WebCrypto). */
export async function blindingKey(spki: Uint8Array): Promise<BlindingKey> {
  const verifier = await crypto.subtle.importKey('spki', own(spki), { name: 'RSA-PSS', hash: HASH }, true, ['verify']);
  const jwk = await crypto.subtle.exportKey('jwk', verifier);
  const nBytes = jwk.n === undefined ? undefined : fromBase64Url(jwk.n);
  const eBytes = jwk.e === undefined ? undefined : fromBase64Url(jwk.e);
  if (!nBytes || !eBytes) throw new Error('The key is not an RSA public key.');
  const n = toInt(nBytes);
  const bits = n.toString(2).length;
  return { n, e: toInt(eBytes), bits, bytes: Math.ceil(bits / 8), verifier };
}

/** RFC 9474 4.2 Blind: the blinded message for the signer, and the inverse kept to finalize. */
export async function blind(
  key: BlindingKey,
  message: Uint8Array,
): Promise<{ blindedMsg: Uint8Array; inv: Uint8Array }> {
  const m = toInt(await pssEncode(message, key.bits - 1));
  if (inverseMod(m, key.n) === undefined) throw new Error('invalid input');
  const r = randomBelow(key.n, key.bytes);
  const inv = inverseMod(r, key.n);
  if (inv === undefined) throw new Error('blinding error');
  const z = (m * powMod(r, key.e, key.n)) % key.n;
  return { blindedMsg: toBytes(z, key.bytes), inv: toBytes(inv, key.bytes) };
}

/** RFC 9474 4.4 Finalize: the signature, or an error when it is not the key's signature of message. */
export async function finalize(
  key: BlindingKey,
  message: Uint8Array,
  blindSig: Uint8Array,
  inv: Uint8Array,
): Promise<Uint8Array> {
  if (blindSig.length !== key.bytes || inv.length !== key.bytes) throw new Error('unexpected input size');
  const signature = toBytes((toInt(blindSig) * toInt(inv)) % key.n, key.bytes);
  const valid = await crypto.subtle.verify(
    { name: 'RSA-PSS', saltLength: SALT_BYTES },
    key.verifier,
    signature,
    own(message),
  );
  if (!valid) throw new Error('invalid signature');
  return signature;
}
