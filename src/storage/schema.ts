/** The IndexedDB schema. Values are `unknown` on purpose: whatever is read back is zod-parsed. */
import type { DBSchema } from 'idb';

export const DB_NAME = 'culture-pulse';

export interface UnreadableRecord {
  readonly store: 'pulses' | 'outbox' | 'tokens';
  readonly key: string;
  readonly value: unknown;
  readonly problem: string;
  /** Epoch ms when it was found. */
  readonly foundAt: number;
}

export interface PulseDbSchema extends DBSchema {
  pulses: { key: string; value: unknown };
  unreadable: { key: number; value: UnreadableRecord };
  /** Closed weeks waiting for, or done with, their trip to the team's endpoint; keyed [teamId, weekId]. */
  outbox: { key: [string, string]; value: unknown };
  /** A personal team's vote token for each week: the pinned key, the kept request or the token; keyed [teamId, weekId]. */
  tokens: { key: [string, string]; value: unknown };
}
