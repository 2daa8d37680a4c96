/**
 * Reminder settings and reminder bookkeeping in browser.storage.local, zod-parsed on every read.
 * A value that does not parse (an older version's, or damaged) falls back to defaults and is
 * reported; it is only replaced when the engineer saves new settings.
 */
import {
  DEFAULT_REMINDER,
  type ReminderSettings,
  type ReminderState,
  reminderSettingsSchema,
  reminderStateSchema,
} from '../core/reminder-settings';
import { describeIssues } from '../core/schemas';
import { browser } from './browser';
import { t } from './i18n';

const SETTINGS_KEY = 'reminderSettings';
const STATE_KEY = 'reminderState';

export interface Loaded<T> {
  readonly value: T;
  readonly problem?: string;
}

export async function loadReminderSettings(): Promise<Loaded<ReminderSettings>> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (stored === undefined) return { value: DEFAULT_REMINDER };
  const parsed = reminderSettingsSchema.safeParse(stored);
  if (parsed.success) return { value: parsed.data };
  return {
    value: DEFAULT_REMINDER,
    problem: t('bg_reminderUnreadable', describeIssues(parsed.error, 1)),
  };
}

export async function saveReminderSettings(settings: ReminderSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: reminderSettingsSchema.parse(settings) });
}

export async function loadReminderState(): Promise<ReminderState> {
  const stored = (await browser.storage.local.get(STATE_KEY))[STATE_KEY];
  const parsed = reminderStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : { lastShownOn: null };
}

export async function saveReminderState(state: ReminderState): Promise<void> {
  await browser.storage.local.set({ [STATE_KEY]: reminderStateSchema.parse(state) });
}
