/**
 * One closed week in the sync outbox (IndexedDB), keyed by team and week. The submission is built
 * once, when the week closes, and kept as is until it is delivered: a retry resends the same bytes.
 */
import * as z from 'zod/mini';
import { weekIdSchema } from './schemas';
import { submissionSchema, teamIdSchema } from './submission';

export const OUTBOX_STATES = ['waiting', 'sent', 'late', 'refused', 'no-token'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const outboxEntrySchema = z.strictObject({
  teamId: teamIdSchema,
  weekId: weekIdSchema,
  submission: submissionSchema,
  /**
   * waiting: not delivered yet; sent: the endpoint has it; late: the week was already released;
   * refused: said no; no-token (personal teams): the week never got its vote token, so it cannot go.
   */
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
