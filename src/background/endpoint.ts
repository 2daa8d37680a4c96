/**
 * How every request to the team's endpoint is made, and how its refusals are read: one place, so
 * the open team's sends, a personal team's token requests and its votes all leave alike.
 */
import type { SendOutcome } from '../core/outbox';
import { askedWait } from '../core/retry-after';
import type { Membership } from '../core/team';
import { errorAnswerSchema } from '../core/vote-answers';
import { browser } from '../platform/browser';
import { t } from '../platform/i18n';
import { syncPermission } from '../platform/sync-permission';

export const SEND_TIMEOUT_MS = 20_000;

/**
 * No cookie, no referrer, and no cache, so no validator (an ETag an endpoint chose) can come back
 * from an earlier run and link the two. The headers the browser adds are the request rule's to take off.
 */
export const REQUEST_INIT = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' } as const;

export type Resource = 'submissions' | 'notes' | 'keys' | 'tokens' | 'votes';

export function teamUrl(team: Membership, resource: Resource): string {
  return `${team.endpoint}/v1/teams/${encodeURIComponent(team.teamId)}/${resource}`;
}

/**
 * Whether the endpoint's host is granted now. Asked before every request: without it the request
 * rule does nothing (the browser applies it only where the extension has host access), so the
 * Origin would go out again.
 */
export async function mayReach(team: Membership): Promise<boolean> {
  return browser.permissions.contains(syncPermission(team.endpoint));
}

/** The endpoint's code and own words for a refusal, when it gave them. */
export async function refusalOf(response: Response): Promise<{ code?: string; message?: string }> {
  if (response.ok) return {};
  try {
    const parsed = errorAnswerSchema.safeParse(await response.json());
    if (!parsed.success) return {};
    const { code, message } = parsed.data.error;
    return { code, message: `${message.slice(0, 300)} (HTTP ${response.status})` };
  } catch {
    return {};
  }
}

/**
 * How long the endpoint's answer asked to wait before this request is tried again (a 429 or 503
 * with a valid Retry-After), on the extension's clock `now`; undefined when it asked nothing.
 */
export function waitAsked(response: Response, now: Date): number | undefined {
  return askedWait(response.status, response.headers.get('retry-after'), now);
}

/** Why a request got no answer at all. */
export function unreachable(team: Membership): string {
  return navigator.onLine ? t('bg_unreachable', new URL(team.endpoint).host) : t('bg_offline');
}

/** What an outcome means, for an endpoint that gave no words of its own. */
export function outcomeWords(outcome: SendOutcome, weekId: string): string {
  switch (outcome.kind) {
    case 'sent':
      return '';
    case 'late':
      return t('bg_late', weekId);
    case 'refused':
      return t('bg_refused', outcome.status);
    case 'retry':
      return t('bg_retry');
  }
}
