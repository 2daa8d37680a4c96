/** The engineer's reminder choices and the background's reminder bookkeeping, as stored. */
import * as z from 'zod/mini';

export const reminderSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** ISO weekday 1 (Monday) to 5 (Friday): never at weekends. */
  weekday: z.literal([1, 2, 3, 4, 5]),
  /** Minutes after local midnight. */
  minuteOfDay: z.number().check(z.int(), z.gte(0), z.lte(24 * 60 - 1)),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** A weekday afternoon: Thursday 15:00. */
export const DEFAULT_REMINDER: ReminderSettings = { enabled: true, weekday: 4, minuteOfDay: 15 * 60 };

/** What the background remembers between wake-ups, so a reminder shows at most once a day. */
export const reminderStateSchema = z.strictObject({
  /** Local date (yyyy-mm-dd) of the last reminder shown. */
  lastShownOn: z.nullable(z.string()),
});
export type ReminderState = z.infer<typeof reminderStateSchema>;
