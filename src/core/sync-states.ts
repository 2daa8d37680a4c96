/**
 * The states a week in the outbox and a week's vote token can be in: one list each, read by the
 * stored records' schemas (core/outbox-entry, core/vote-token-record) and by the sync status the
 * background sends the options page (platform/messages), so a state added here is accepted by
 * both. Free of zod and of the records' schemas, so a page that sends messages need not load them.
 */

/**
 * waiting: not delivered yet; sent: the endpoint has it; late: the week was already released;
 * refused: said no; no-token (personal teams): the week never got its vote token, so it cannot go.
 */
export const OUTBOX_STATES = ['waiting', 'sent', 'late', 'refused', 'no-token'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * waiting: to be asked for at `fetchAt` (the request may already be kept); ready: the token is
 * here; missed: the endpoint no longer gives one (the week was released); refused: the endpoint
 * said no (another device took this invite's token, a revoked invite…); key-changed: the endpoint
 * offered another key than the one pinned, which is never used.
 */
export const TOKEN_STATES = ['waiting', 'ready', 'missed', 'refused', 'key-changed'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];
