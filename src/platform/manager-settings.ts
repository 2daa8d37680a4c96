/**
 * The manager's access for the trends page (endpoint, team, manager token), kept in
 * browser.storage.local so it is entered once, parsed on every read. It reads a team's figures:
 * it never leaves this browser except as the Authorization header to that one endpoint.
 */
import * as z from 'zod/mini';
import { checkEndpoint, type ManagerAccess } from '../core/invite';
import { describeIssues } from '../core/schemas';
import { teamIdSchema } from '../core/submission';
import { browser } from './browser';
import { t } from './i18n';
import type { Loaded } from './settings';

const KEY = 'managerAccess';

const accessSchema = z.strictObject({
  endpoint: z.string().check(z.refine((s) => checkEndpoint(s).ok, 'must be an https address')),
  teamId: teamIdSchema,
  managerToken: z.string().check(z.regex(/^[A-Za-z0-9_-]{32,128}$/, 'is not a manager token')),
});

export async function loadManagerAccess(): Promise<Loaded<ManagerAccess | null>> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  if (stored === undefined || stored === null) return { value: null };
  const parsed = accessSchema.safeParse(stored);
  if (parsed.success) return { value: parsed.data };
  return { value: null, problem: t('trends_savedCodeUnreadable', describeIssues(parsed.error, 1)) };
}

export async function saveManagerAccess(access: ManagerAccess | null): Promise<void> {
  if (access === null) await browser.storage.local.remove(KEY);
  else await browser.storage.local.set({ [KEY]: accessSchema.parse(access) });
}
