/**
 * The team's notes, read in a run that has just reached the endpoint with the invite (an open
 * team's send, a personal team's token run), never on a timer of their own, which would tell the
 * endpoint when this browser is open. Never in a personal team's vote run: the notes request
 * carries the invite, and one right after a vote would tie the vote to it by timing.
 */
import { notesResponseSchema } from '../core/notes';
import type { Membership } from '../core/team';
import { saveTeamNotes } from '../platform/team-notes';
import { mayReach, REQUEST_INIT, SEND_TIMEOUT_MS, teamUrl } from './endpoint';

/** Read and keep the notes; a failure keeps the last ones. */
export async function refreshNotes(team: Membership, now: Date): Promise<void> {
  if (!(await mayReach(team))) return;
  try {
    const response = await fetch(teamUrl(team, 'notes'), {
      ...REQUEST_INIT,
      headers: { authorization: `Bearer ${team.ingestToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!response.ok) return;
    const parsed = notesResponseSchema.safeParse(await response.json());
    if (!parsed.success) return;
    await saveTeamNotes({ teamId: team.teamId, fetchedAt: now.getTime(), notes: parsed.data.notes.slice(-200) });
  } catch {
    // Offline or down: the notes already kept still show, and the next run reads them again.
  }
}
