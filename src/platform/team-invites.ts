/**
 * How many invites a personal team has, as the endpoint last said (in its answers to GET /keys and
 * POST /tokens), kept in browser.storage.local for any page to show: a team with fewer invites
 * than its k shows nothing, and a count that jumps says invites were added. Parsed on every read;
 * another team's count is not shown.
 */
import * as z from 'zod/mini';
import { weekIdSchema } from '../core/schemas';
import { browser } from './browser';

const KEY = 'teamInvites';

const storedSchema = z.strictObject({
  teamId: z.string().check(z.maxLength(40)),
  /** The week it was read in. */
  weekId: weekIdSchema,
  invites: z.number().check(z.int(), z.gte(0)),
  /** Epoch ms of the answer. */
  fetchedAt: z.number(),
});
export type StoredInvites = z.infer<typeof storedSchema>;

export async function loadTeamInvites(teamId: string): Promise<StoredInvites | undefined> {
  const parsed = storedSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success && parsed.data.teamId === teamId ? parsed.data : undefined;
}

/** The count kept for the team this browser is in now (leaving a team clears it), for the popup. */
export async function loadLatestTeamInvites(): Promise<StoredInvites | undefined> {
  const parsed = storedSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveTeamInvites(stored: StoredInvites | undefined): Promise<void> {
  if (stored === undefined) await browser.storage.local.remove(KEY);
  else await browser.storage.local.set({ [KEY]: storedSchema.parse(stored) });
}
