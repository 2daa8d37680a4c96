import { describe, expect, it } from 'vitest';
import { TOKEN_TEXT, tokenRequestSchema, voteBodySchema } from '../../../src/core/vote';
import { TOKEN_LENGTH, toBase64Url } from '../../../src/core/vote-token';

const token = toBase64Url(new Uint8Array(TOKEN_LENGTH).fill(5));

describe('a vote’s body and a token request', () => {
  it('take a whole token as base64url, and the week’s scores', () => {
    expect(TOKEN_TEXT.test(token)).toBe(true);
    const body = { token, weekId: '2026-W48', bankVersion: 1, scores: { 'impact-customers': 4 } };
    expect(voteBodySchema.parse(body)).toEqual(body);
  });

  it('refuse a short or padded token, extra fields (an id, a device), and a bad request', () => {
    const body = { token, weekId: '2026-W48', bankVersion: 1, scores: {} };
    expect(voteBodySchema.safeParse({ ...body, token: token.slice(1) }).success).toBe(false);
    expect(voteBodySchema.safeParse({ ...body, token: `${token.slice(2)}==` }).success).toBe(false);
    expect(voteBodySchema.safeParse({ ...body, submissionId: 'a'.repeat(64) }).success).toBe(false);
    expect(voteBodySchema.safeParse({ ...body, device: 'x' }).success).toBe(false);
    expect(tokenRequestSchema.safeParse({ weekId: '2026-W48', blindedRequest: 'A'.repeat(342) }).success).toBe(true);
    expect(tokenRequestSchema.safeParse({ weekId: '2026-W48', blindedRequest: 'A'.repeat(343) }).success).toBe(false);
  });
});
