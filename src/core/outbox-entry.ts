/**
 * One closed week in the sync outbox (IndexedDB), keyed by team and week. The submission is built
 * once, when the week closes, and kept as is until it is delivered: a retry resends the same bytes.
 */
import * as z from 'zod/mini';
import { weekIdSchema } from './schemas';
import { submissionSchema, teamIdSchema } from './submission';
import { OUTBOX_STATES } from './sync-states';

export const outboxEntrySchema = z.strictObject({
  teamId: teamIdSchema,
  weekId: weekIdSchema,
  submission: submissionSchema,
  state: z.enum(OUTBOX_STATES),
  /** Epoch ms of the next attempt (while waiting), or of the last one. */
  sendAt: z.number().check(z.int(), z.gte(0)),
  attempts: z.number().check(z.int(), z.gte(0)),
  /** What went wrong last, in words a person can act on; null when nothing did. */
  problem: z.nullable(z.string().check(z.maxLength(500))),
  /** Whether local noise was added to these scores. */
  noised: z.boolean(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
