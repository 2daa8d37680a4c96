/**
 * The endpoint's answers to a personal team's member (src/server/vote-routes.ts), as the
 * extension parses them: loose objects (an endpoint may add fields), every field it uses checked.
 */
import * as z from 'zod/mini';
import { weekIdSchema } from './schemas';

const invitesSchema = z.number().check(z.int(), z.gte(0), z.lte(1_000_000));

/** GET /v1/teams/:team/keys: the published week keys, and how many invites the team has. */
export const keysAnswerSchema = z.object({
  invites: invitesSchema,
  keys: z
    .array(
      z.object({
        weekId: weekIdSchema,
        keyId: z.string().check(z.maxLength(100)),
        publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,1400}$/)),
      }),
    )
    .check(z.maxLength(60)),
});
export type KeysAnswer = z.infer<typeof keysAnswerSchema>;

/** POST /v1/teams/:team/tokens: the blind signature, and the key it was made with. */
export const tokenAnswerSchema = z.object({
  weekId: weekIdSchema,
  keyId: z.string().check(z.maxLength(100)),
  blindSignature: z.string().check(z.regex(/^[A-Za-z0-9_-]{342}$/)),
  invites: invitesSchema,
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** Any refusal: `{ error: { code, message } }`. */
export const errorAnswerSchema = z.object({
  error: z.object({ code: z.optional(z.string().check(z.maxLength(100))), message: z.string() }),
});
