import { describe, expect, it } from 'vitest';
import { errorAnswerSchema, keysAnswerSchema, tokenAnswerSchema } from '../../../src/core/vote-answers';

describe('the endpoint’s answers to a member', () => {
  it('reads the keys and the invite count, and refuses what is not', () => {
    const keys = { invites: 6, keys: [{ weekId: '2026-W48', keyId: 'K'.repeat(43), publicKey: 'P'.repeat(392) }] };
    expect(keysAnswerSchema.parse({ ...keys, more: 'later fields are fine' }).invites).toBe(6);
    expect(keysAnswerSchema.safeParse({ ...keys, invites: -1 }).success).toBe(false);
    expect(keysAnswerSchema.safeParse({ invites: 1, keys: [{ ...keys.keys[0], weekId: '2026-W99' }] }).success).toBe(
      false,
    );
    expect(keysAnswerSchema.safeParse({ invites: 1, keys: [{ ...keys.keys[0], publicKey: '<script>' }] }).success).toBe(
      false,
    );
  });

  it('reads a blind signature of 256 bytes only', () => {
    const answer = { weekId: '2026-W48', keyId: 'K'.repeat(43), blindSignature: 's'.repeat(342), invites: 6 };
    expect(tokenAnswerSchema.safeParse(answer).success).toBe(true);
    expect(tokenAnswerSchema.safeParse({ ...answer, blindSignature: 's'.repeat(341) }).success).toBe(false);
  });

  it('reads a refusal’s code and words', () => {
    expect(errorAnswerSchema.parse({ error: { code: 'vote_final', message: 'final' } }).error.code).toBe('vote_final');
    expect(errorAnswerSchema.safeParse({ error: 'no' }).success).toBe(false);
  });
});
