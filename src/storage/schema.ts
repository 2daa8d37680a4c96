/** The IndexedDB schema. Values are `unknown` on purpose: whatever is read back is zod-parsed. */
import type { DBSchema } from 'idb';

export const DB_NAME = 'culture-pulse';

export interface UnreadableRecord {
  readonly store: 'pulses';
  readonly key: string;
  readonly value: unknown;
  readonly problem: string;
  /** Epoch ms when it was found. */
  readonly foundAt: number;
}

export interface PulseDbSchema extends DBSchema {
  pulses: { key: string; value: unknown };
  unreadable: { key: number; value: UnreadableRecord };
}
