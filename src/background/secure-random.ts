/** Randomness for everything an observer must not predict: send moments, token moments, noise. */

/** A number in [0, 1) from the device's crypto RNG. */
export function secureRandom(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}
