/**
 * Steady ingest from the test's own process: `connections` loops, each sending a new submission
 * for a collecting week as soon as the last was answered, every answer kept for checking.
 */
import { randomBytes } from 'node:crypto';
import { pulseForWeek } from '../../src/core/rotation';
import type { Submission } from '../../src/core/submission';
import { addWeeksToId, weekIdOf } from '../../src/core/week';

const SCORES = [1, 2, 3, 4, 5] as const;

export interface Answer {
  readonly submission: Submission;
  /** The HTTP status, or 0 when no answer came (connection refused or reset). */
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: string;
  /** When the answer came (performance.now()). */
  readonly at: number;
}

export interface Load {
  /** Answers so far. */
  readonly answers: readonly Answer[];
  stop(): Promise<readonly Answer[]>;
}

/** Last week by the real clock: a server on the real clock takes submissions for it. */
export const collectingWeek = () => addWeeksToId(weekIdOf(new Date()), -1);

export function ingestLoad(url: string, teamId: string, token: string, connections: number): Load {
  const answers: Answer[] = [];
  const weekId = collectingWeek();
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  let running = true;
  const loop = async () => {
    while (running) {
      const submission: Submission = {
        submissionId: randomBytes(32).toString('hex'),
        teamId,
        weekId,
        bankVersion: 1,
        scores: Object.fromEntries(ids.map((id, i) => [id, SCORES[(i + answers.length) % 5] ?? 3])),
      };
      try {
        const response = await fetch(`${url}/v1/teams/${teamId}/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(submission),
        });
        const body = await response.text();
        answers.push({
          submission,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body,
          at: performance.now(),
        });
      } catch {
        answers.push({ submission, status: 0, retryAfter: null, body: '', at: performance.now() });
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const loops = Array.from({ length: connections }, loop);
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** Resolves once `check` holds, asking every 20 ms (the test's timeout bounds the wait). */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}
