import { describe, expect, it } from 'vitest';
import { keyFingerprint, tokenRecordSchema } from '../../../src/core/vote-token-record';
import { sampleKey, tokenRecord } from './vote-samples';

const request = {
  nonce: 'n'.repeat(43),
  challengeDigest: 'c'.repeat(43),
  keyId: 'K'.repeat(43),
  blindedRequest: 'b'.repeat(342),
  inverse: 'i'.repeat(342),
};

describe('a week’s vote token record', () => {
  it('holds a pinned key with a kept request, or a finished token', () => {
    expect(tokenRecordSchema.safeParse(tokenRecord('2026-W48', { request })).success).toBe(true);
    const ready = tokenRecord('2026-W48', { state: 'ready', token: 'A'.repeat(472) });
    expect(tokenRecordSchema.safeParse(ready).success).toBe(true);
    expect(tokenRecordSchema.safeParse(tokenRecord('2026-W48', { key: null })).success).toBe(true);
  });

  it('refuses a record that does not hang together', () => {
    const bad = [
      tokenRecord('2026-W48', { state: 'ready' }), // ready without a token
      tokenRecord('2026-W48', { token: 'A'.repeat(472) }), // a token while still waiting
      tokenRecord('2026-W48', { key: null, request }), // a request for no key
      tokenRecord('2026-W48', { request: { ...request, blindedRequest: 'short' } }),
      tokenRecord('2026-W48', { key: { ...sampleKey, keyId: 'not base64url!' } }),
      { ...tokenRecord('2026-W48'), extra: 1 },
    ];
    for (const record of bad) expect(tokenRecordSchema.safeParse(record).success, JSON.stringify(record)).toBe(false);
  });

  it('shows a key by the first 8 characters of its id', () => {
    expect(keyFingerprint({ ...sampleKey, keyId: `abcd-_12${'x'.repeat(35)}` })).toBe('abcd-_12');
  });
});
