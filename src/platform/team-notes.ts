/**
 * The team's "what we are doing about it" notes as last fetched by the background, kept in
 * browser.storage.local for the popup to show after a pulse. Parsed on every read; notes of
 * another team (after leaving or joining another) are not shown. Beside them, how long the
 * endpoint asked the background to wait before reading them again.
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

/** Forgetting the notes (leaving the team) forgets the endpoint's ask to wait for them too. */
export async function saveTeamNotes(stored: StoredNotes | undefined): Promise<void> {
  if (stored === undefined) await browser.storage.local.remove([KEY, WAIT_KEY]);
  else await browser.storage.local.set({ [KEY]: storedSchema.parse(stored) });
}

const WAIT_KEY = 'teamNotesWait';

/**
 * The moment before which the notes are not asked for again: the endpoint answered the last
 * request 429 or 503 with a Retry-After. Stored, so a restarted worker still waits.
 */
const waitSchema = z.strictObject({
  teamId: z.string().check(z.maxLength(40)),
  /** Epoch ms. */
  until: z.number().check(z.int(), z.gte(0)),
});
export type NotesWait = z.infer<typeof waitSchema>;

/** Until when the team's notes wait (epoch ms), or 0 when they do not. */
export async function notesWaitUntil(teamId: string): Promise<number> {
  const parsed = waitSchema.safeParse((await browser.storage.local.get(WAIT_KEY))[WAIT_KEY]);
  return parsed.success && parsed.data.teamId === teamId ? parsed.data.until : 0;
}

export async function saveNotesWait(wait: NotesWait): Promise<void> {
  await browser.storage.local.set({ [WAIT_KEY]: waitSchema.parse(wait) });
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
