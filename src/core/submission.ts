/**
 * What a device may send to its team's endpoint for one closed week: the team, the week, the
 * question-bank version and the week's 1–5 scores by question. Nothing else: no comment, no name,
 * no time finer than the week, no device id. The submission id is an HMAC of a device secret with
 * team and week (computed on the device), so a retry replaces the week's submission while two
 * weeks of one person cannot be linked. Parsed by the server, built by the extension's outbox.
 */
import * as z from 'zod/mini';
import { BANK_VERSION } from './questions';
import { pulseForWeek } from './rotation';
import { weekIdSchema } from './schemas';

export const TEAM_ID = /^[a-z0-9][a-z0-9-]{2,39}$/;
export const SUBMISSION_ID = /^[0-9a-f]{64}$/;

export const teamIdSchema = z.string().check(z.regex(TEAM_ID, 'must be 3–40 lowercase letters, digits or dashes'));

export const scoreSchema = z.literal([1, 2, 3, 4, 5], { error: 'must be a whole score from 1 to 5' });

export const submissionSchema = z
  .strictObject({
    submissionId: z.string().check(z.regex(SUBMISSION_ID, 'must be 64 lowercase hex characters')),
    teamId: teamIdSchema,
    weekId: weekIdSchema,
    bankVersion: z
      .number()
      .check(
        z.int(),
        z.gte(1, 'must be a question-bank version, 1 or more'),
        z.lte(BANK_VERSION, `is newer than this endpoint knows (up to ${BANK_VERSION}): update the endpoint`),
      ),
    scores: z.record(z.string().check(z.maxLength(64)), scoreSchema),
  })
  .check(
    z.superRefine((s, ctx) => {
      const asked = new Set(pulseForWeek(s.weekId, s.bankVersion).questions.map((q) => q.id));
      for (const id of Object.keys(s.scores)) {
        if (!asked.has(id)) {
          ctx.issues.push({
            code: 'custom',
            input: id,
            path: ['scores', id],
            message: `is not a question week ${s.weekId} asks in bank version ${s.bankVersion}`,
          });
        }
      }
      if (Object.keys(s.scores).length === 0) {
        ctx.issues.push({ code: 'custom', input: s.scores, path: ['scores'], message: 'must hold at least one score' });
      }
    }),
  );
export type Submission = z.infer<typeof submissionSchema>;

/**
 * A submission as read back from the endpoint's own store: the same shape and ranges, without
 * re-checking that each question belonged to its week (done in full at ingest, and aggregation
 * ignores unknown ids anyway). About five times cheaper, which an export of every row needs.
 */
export const storedSubmissionSchema = z.strictObject({
  submissionId: z.string().check(z.regex(SUBMISSION_ID, 'must be 64 lowercase hex characters')),
  teamId: teamIdSchema,
  weekId: weekIdSchema,
  bankVersion: z.number().check(z.int(), z.gte(1), z.lte(BANK_VERSION)),
  scores: z.record(z.string().check(z.maxLength(64)), scoreSchema),
});
