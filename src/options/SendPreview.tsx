/**
 * Exactly what joining a team sends, before the engineer agrees: in plain words, and as the
 * request body itself for this week's statements with example scores.
 */
import type { Invite } from '../core/invite';
import { SEND_SPREAD_MS } from '../core/outbox';
import { BANK_VERSION } from '../core/questions';
import { pulseForWeek } from '../core/rotation';
import { weekIdOf } from '../core/week';

const EXAMPLE_SCORES = [4, 3, 5, 2, 4] as const;

export function SendPreview({ invite, now }: { readonly invite: Invite; readonly now: Date }) {
  const weekId = weekIdOf(now);
  const questions = pulseForWeek(weekId).questions;
  const example = {
    submissionId: '9f2c…(a code that is different every week)',
    teamId: invite.teamId,
    weekId,
    bankVersion: BANK_VERSION,
    scores: Object.fromEntries(questions.map((q, i) => [q.id, EXAMPLE_SCORES[i % EXAMPLE_SCORES.length]])),
  };
  const days = SEND_SPREAD_MS / 86_400_000;
  return (
    <div class="preview" id="send-preview">
      <h3>What will be sent</h3>
      <p>
        To <strong>{new URL(invite.endpoint).host}</strong>, for team <strong>{invite.teamId}</strong>: once for each
        week that closes from this week on, at a random moment in the {days} days after it closes (so the time tells
        nothing about you):
      </p>
      <ul>
        <li>the team, the week (such as {weekId}) and the version of the statements;</li>
        <li>your score from 1 to 5 for each statement you answered that week.</li>
      </ul>
      <p>
        <strong>Never sent:</strong> your comments, your name or email, skipped statements, the time you answered, or
        anything that identifies this browser. Each week’s scores carry a code that changes every week, so your weeks
        cannot be linked to each other. Your team sees figures only for groups of at least k people (5 unless the team
        set more, never fewer than 3).
      </p>
      <details>
        <summary>The request body, for this week with example scores</summary>
        <pre>{JSON.stringify(example, null, 2)}</pre>
      </details>
    </div>
  );
}
