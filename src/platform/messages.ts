/**
 * Messages between the extension's pages and its background: one typed map of names, each with a
 * zod schema for its request and its response. Both ends parse; the background checks the sender.
 */
import * as z from 'zod/mini';
import { noiseEpsilonSchema } from '../core/noise';
import { reminderSettingsSchema } from '../core/reminder-settings';
import { weekIdSchema } from '../core/schemas';
import { OUTBOX_STATES, TOKEN_STATES } from '../core/sync-states';
import { browser, type Runtime } from './browser';
import { t } from './i18n';
import { MessageError } from './message-error';

export const reminderStatusSchema = z.strictObject({
  enabled: z.boolean(),
  /** Epoch ms of the next reminder check, or null when reminders are off. */
  nextWakeUpAt: z.nullable(z.number()),
  /** Epoch ms of this week's reminder moment. */
  reminderAt: z.number(),
  badgeOn: z.boolean(),
});
export type ReminderStatus = z.infer<typeof reminderStatusSchema>;

/** What the options page shows of team sync: never the ingest token, never a score. */
export const syncStatusSchema = z.strictObject({
  team: z.nullable(
    z.strictObject({
      endpoint: z.string(),
      teamId: z.string().check(z.maxLength(40)),
      joinedWeek: weekIdSchema,
      noiseEpsilon: noiseEpsilonSchema,
      /** A personal invite: one vote a week, sent without it. */
      personal: z.boolean(),
      /** The team's name from the invite, to show; null when it had none. */
      name: z.nullable(z.string().check(z.maxLength(80))),
    }),
  ),
  /** A personal team's token for this week: never the token, only its state and its key's fingerprint. */
  votes: z.nullable(
    z.strictObject({
      weekId: weekIdSchema,
      state: z.enum(TOKEN_STATES),
      /** Epoch ms of the next try, while waiting. */
      fetchAt: z.nullable(z.number()),
      /** The first 8 characters of the week key's id, for members to compare. */
      keyFingerprint: z.nullable(z.string().check(z.maxLength(8))),
      problem: z.nullable(z.string()),
    }),
  ),
  /** Why nothing is being sent, when something stops it (an unreadable membership, a missing permission). */
  problem: z.nullable(z.string()),
  weeks: z.array(
    z.strictObject({
      weekId: weekIdSchema,
      state: z.enum(OUTBOX_STATES),
      /** Epoch ms of the next attempt while waiting, else of the last one. */
      sendAt: z.number(),
      problem: z.nullable(z.string()),
      noised: z.boolean(),
    }),
  ),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const MESSAGES = {
  /** A page changed this week's answers: refresh the badge and the reminder. */
  'pulse-changed': { request: z.strictObject({ weekId: weekIdSchema }), response: reminderStatusSchema },
  'get-reminder-status': { request: z.strictObject({}), response: reminderStatusSchema },
  'save-reminder-settings': { request: reminderSettingsSchema, response: reminderStatusSchema },
  'get-sync-status': { request: z.strictObject({}), response: syncStatusSchema },
  /** Join with an invite; the page has already asked for the host permission, on the click. */
  'join-team': {
    request: z.strictObject({ invite: z.string().check(z.maxLength(4000)), noiseEpsilon: noiseEpsilonSchema }),
    response: syncStatusSchema,
  },
  'leave-team': { request: z.strictObject({}), response: syncStatusSchema },
  'set-noise': { request: z.strictObject({ noiseEpsilon: noiseEpsilonSchema }), response: syncStatusSchema },
} as const;

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<N extends MessageName> = z.infer<(typeof MESSAGES)[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<(typeof MESSAGES)[N]['response']>;

const envelopeSchema = z.strictObject({
  type: z.enum(Object.keys(MESSAGES) as [MessageName, ...MessageName[]]),
  payload: z.unknown(),
});

const replySchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
type Reply = z.infer<typeof replySchema>;

export { MessageError };

/** Send a typed request to the background and parse its answer. */
export async function sendMessage<N extends MessageName>(type: N, payload: RequestOf<N>): Promise<ResponseOf<N>> {
  const raw: unknown = await browser.runtime.sendMessage({ type, payload });
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError(t('error_badReply', type));
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  const data = MESSAGES[type].response.safeParse(reply.data.data);
  if (!data.success) throw new MessageError(t('error_badReply', type));
  return data.data as ResponseOf<N>;
}

export type Handlers = { [N in MessageName]: (payload: RequestOf<N>) => Promise<ResponseOf<N>> };

/** Only this extension's own pages may talk to the background: not content, not other extensions. */
export function isTrustedSender(sender: Runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** Dispatch one raw message to its handler; every failure becomes an `{ ok: false }` reply. */
export async function dispatch(handlers: Handlers, raw: unknown, sender: Runtime.MessageSender): Promise<Reply> {
  if (!isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL(''))) {
    return { ok: false, error: 'Messages are only accepted from Culture Pulse’s own pages.' };
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: 'Unknown message.' };
  const { type, payload } = envelope.data;
  const request = MESSAGES[type].request.safeParse(payload);
  if (!request.success) return { ok: false, error: `Malformed ${type} message.` };
  try {
    const handler = handlers[type] as (p: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(request.data) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
