/**
 * What a member of a personal team sends for a closed week: the week, the bank version, the scores
 * and the week's vote token (core/vote-token.ts). No team token, no invite, no id of its own: the
 * token is what lets the vote in, once, and its hash becomes the vote's id. The endpoint checks the
 * scores with the submission's own rules (core/submission.ts), so a vote says nothing more than a
 * submission would.
 */
import * as z from 'zod/mini';
import { TOKEN_LENGTH } from './vote-token';

/** A token as it travels: base64url without padding. */
export const TOKEN_TEXT = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((TOKEN_LENGTH * 4) / 3)}}$`);

export const voteBodySchema = z.strictObject({
  token: z.string().check(z.regex(TOKEN_TEXT, `must be a vote token (${TOKEN_LENGTH} bytes, base64url)`)),
  weekId: z.string().check(z.maxLength(8)),
  bankVersion: z.number(),
  scores: z.record(z.string().check(z.maxLength(64)), z.number()),
});
export type VoteBody = z.infer<typeof voteBodySchema>;

/** An invite's request for a week's blind signature. */
export const tokenRequestSchema = z.strictObject({
  weekId: z.string().check(z.maxLength(8)),
  /** The blinded token input, 256 bytes, base64url. */
  blindedRequest: z.string().check(z.regex(/^[A-Za-z0-9_-]{342}$/, 'must be 256 bytes, base64url')),
});
