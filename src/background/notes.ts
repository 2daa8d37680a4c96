/**
 * The team's notes, read in a run that has just reached the endpoint with the invite (an open
 * team's send, a personal team's token run), never on a timer of their own, which would tell the
 * endpoint when this browser is open. Never in a personal team's vote run: the notes request
 * carries the invite, and one right after a vote would tie the vote to it by timing.
 */
import { notesResponseSchema } from '../core/notes';
import { askedRetryDelay } from '../core/retry-after';
import type { Membership } from '../core/team';
import { notesWaitUntil, saveNotesWait, saveTeamNotes } from '../platform/team-notes';
import { mayReach, REQUEST_INIT, SEND_TIMEOUT_MS, teamUrl, waitAsked } from './endpoint';
import { secureRandom } from './secure-random';

/**
 * Read and keep the notes; a failure keeps the last ones. When the endpoint asked to wait (429 or
 * 503 with Retry-After), runs before then read none: they have no retries of their own, so the
 * wait is the ask, spread as core/retry-after's askedRetryDelay explains.
 */
export async function refreshNotes(team: Membership, now: Date): Promise<void> {
  if (!(await mayReach(team))) return;
  if (now.getTime() < (await notesWaitUntil(team.teamId))) return;
  try {
    const response = await fetch(teamUrl(team, 'notes'), {
      ...REQUEST_INIT,
      headers: { authorization: `Bearer ${team.ingestToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const waitMs = waitAsked(response, now);
    if (waitMs !== undefined) {
      await saveNotesWait({ teamId: team.teamId, until: now.getTime() + askedRetryDelay(waitMs, secureRandom()) });
    }
    if (!response.ok) return;
    const parsed = notesResponseSchema.safeParse(await response.json());
    if (!parsed.success) return;
    await saveTeamNotes({ teamId: team.teamId, fetchedAt: now.getTime(), notes: parsed.data.notes.slice(-200) });
  } catch {
    // Offline or down: the notes already kept still show, and the next run reads them again.
  }
}
