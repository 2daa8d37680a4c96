/**
 * The team's "what we are doing about it" notes as last fetched by the background, kept in
 * browser.storage.local for the popup to show after a pulse. Parsed on every read; notes of
 * another team (after leaving or joining another) are not shown.
 */
import * as z from 'zod/mini';
import { type Note, noteSchema } from '../core/notes';
import { addWeeksToId, compareWeekIds, type WeekId } from '../core/week';
import { browser } from './browser';

const KEY = 'teamNotes';

const storedSchema = z.strictObject({
  teamId: z.string().check(z.maxLength(40)),
  /** Epoch ms of the fetch. */
  fetchedAt: z.number(),
  notes: z.array(noteSchema).check(z.maxLength(200)),
});
export type StoredNotes = z.infer<typeof storedSchema>;

export async function loadTeamNotes(): Promise<StoredNotes | undefined> {
  const parsed = storedSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveTeamNotes(stored: StoredNotes | undefined): Promise<void> {
  if (stored === undefined) await browser.storage.local.remove(KEY);
  else await browser.storage.local.set({ [KEY]: storedSchema.parse(stored) });
}

/** How far back a note is still news: older ones describe what a team did long ago. */
export const NOTE_WEEKS = 8;

/** The notes worth showing in week `thisWeek`: of its last NOTE_WEEKS weeks only, the newest `count` first. */
export function recentNotes(notes: readonly Note[], thisWeek: WeekId, count = 3): Note[] {
  const oldest = addWeeksToId(thisWeek, -(NOTE_WEEKS - 1));
  return notes
    .filter((n) => compareWeekIds(n.weekId, oldest) >= 0)
    .sort((a, b) => compareWeekIds(b.weekId, a.weekId))
    .slice(0, count);
}
