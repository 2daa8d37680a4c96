/**
 * The declarativeNetRequest rule that makes every request to the team's endpoint look the same
 * from every browser of one kind: the browser adds headers a fetch cannot drop (an Origin naming
 * the install, the UI language, its full User-Agent), and this rule, written when joining, takes
 * them off. Measured at a raw socket in Chromium 156 and Firefox ESR 153 (tests/e2e/sync.test.ts,
 * tests/e2e/firefox-sync.test.ts); both browsers apply it to the extension's own fetches, given the
 * endpoint's host permission.
 */
import * as z from 'zod/mini';

/** The one id the extension gives a rule: it has no other. */
export const REQUEST_RULE_ID = 1;

/** Every user's requests carry this User-Agent, with no version, so it tells no one apart. */
export const FIXED_USER_AGENT = 'CulturePulse';

/**
 * What the rule does to each request. Removed: `origin` (Firefox's moz-extension:// uuid is random
 * per install; an unpacked Chromium's id comes from its folder), `accept-language`, the
 * `sec-fetch-*` trio, and any `cookie` or `referer`. Set: one User-Agent; one Accept-Encoding,
 * since the list a browser offers changes with its version; and `connection: close`, because a
 * fetch cannot ask for a fresh connection: without it both browsers keep the connection and a later
 * run's request (another week) may ride on it. That works on HTTP/1.1 only: HTTP/2 has no
 * Connection header and the browser may reuse its session; only the endpoint can close those
 * (see the README's privacy section). Not removable in either browser, whatever the rule says:
 * Pragma and Cache-Control (from cache: 'no-store'), and Firefox's Priority; the same for everyone.
 */
export const REQUEST_HEADERS = [
  { header: 'origin', operation: 'remove' },
  { header: 'accept-language', operation: 'remove' },
  { header: 'sec-fetch-site', operation: 'remove' },
  { header: 'sec-fetch-mode', operation: 'remove' },
  { header: 'sec-fetch-dest', operation: 'remove' },
  { header: 'cookie', operation: 'remove' },
  { header: 'referer', operation: 'remove' },
  { header: 'user-agent', operation: 'set', value: FIXED_USER_AGENT },
  { header: 'connection', operation: 'set', value: 'close' },
  { header: 'accept-encoding', operation: 'set', value: 'gzip' },
] as const;

/**
 * A rule as this extension writes it, and as it reads one back from the browser: unknown keys a
 * browser adds are dropped before comparing, and Firefox gives every absent field back as null.
 */
export const requestRuleSchema = z.object({
  id: z.number(),
  priority: z.number(),
  condition: z.object({
    requestDomains: z.array(z.string()),
    resourceTypes: z.array(z.literal('xmlhttprequest')),
  }),
  action: z.object({
    type: z.literal('modifyHeaders'),
    requestHeaders: z.array(
      z.object({
        header: z.string(),
        operation: z.enum(['remove', 'set']),
        value: z.optional(z.nullable(z.string())),
      }),
    ),
  }),
});
/** The rule as written: `value` only where a header is set (the type the browsers' APIs take). */
export interface RequestRule {
  readonly id: number;
  readonly priority: number;
  readonly condition: { requestDomains: string[]; resourceTypes: 'xmlhttprequest'[] };
  readonly action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'remove' | 'set'; value?: string }[];
  };
}

/** The rule for an endpoint: its host only (any port), and only fetches (not pages, images…). */
export function requestRuleFor(endpoint: string): RequestRule {
  return {
    id: REQUEST_RULE_ID,
    priority: 1,
    condition: { requestDomains: [new URL(endpoint).hostname], resourceTypes: ['xmlhttprequest'] },
    action: { type: 'modifyHeaders', requestHeaders: REQUEST_HEADERS.map((h) => ({ ...h })) },
  };
}

/** The same rule, field for field, once read through the schema (so key order and extras do not count). */
function canonical(rule: z.infer<typeof requestRuleSchema>): string {
  const { id, priority, condition, action } = rule;
  return JSON.stringify({
    id,
    priority,
    condition: { requestDomains: condition.requestDomains, resourceTypes: condition.resourceTypes },
    action: {
      type: action.type,
      requestHeaders: action.requestHeaders.map(({ header, operation, value }) => ({
        header,
        operation,
        value: value ?? undefined,
      })),
    },
  });
}

const ruleIdSchema = z.object({ id: z.number() });

/** The ids of the browser's dynamic rules (as it returned them, unparsed), to remove them by. */
export function ruleIds(installed: readonly unknown[]): number[] {
  return installed.flatMap((rule) => {
    const parsed = ruleIdSchema.safeParse(rule);
    return parsed.success ? [parsed.data.id] : [];
  });
}

/**
 * Whether the browser's dynamic rules (as it returned them, unparsed) are exactly `wanted`: the one
 * rule for the endpoint, or none at all once no team is joined.
 */
export function rulesInPlace(installed: readonly unknown[], wanted: RequestRule | undefined): boolean {
  if (wanted === undefined) return installed.length === 0;
  if (installed.length !== 1) return false;
  const parsed = requestRuleSchema.safeParse(installed[0]);
  return parsed.success && canonical(parsed.data) === canonical(wanted);
}
