/** Valid records to start tests from. */

import type { OutboxEntry } from '../../../src/core/outbox-entry';
import { pulseForWeek } from '../../../src/core/rotation';
import type { PulseRecord } from '../../../src/core/schemas';
import type { Submission } from '../../../src/core/submission';
import type { WeekId } from '../../../src/core/week';

export function samplePulse(weekId: WeekId, overrides: Partial<PulseRecord> = {}): PulseRecord {
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  return {
    weekId,
    bankVersion: 1,
    questionIds: ids,
    answers: Object.fromEntries(ids.map((id, i) => [id, i === 1 ? 'skip' : (((i % 5) + 1) as 1 | 2 | 3 | 4 | 5)])),
    comment: '',
    completed: true,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** A half-answered week: two answers, a skip, one unanswered, and a comment a spreadsheet would run. */
export const halfAnswered: PulseRecord = {
  weekId: '2026-W48',
  bankVersion: 1,
  questionIds: ['impact-customers', 'impact-outcome', 'choice-solution', 'improvement-growth'],
  answers: { 'impact-customers': 4, 'impact-outcome': 5, 'choice-solution': 'skip' },
  comment: '=SUM(A1), "quoted"\nnext line',
  completed: false,
  updatedAt: 1,
};

/** One person's scores for 2026-W47 (the n-th submission of team "platform"). */
export function scored(n: number, scores: Record<string, 1 | 2 | 3 | 4 | 5>): Submission {
  return {
    submissionId: n.toString(16).padStart(64, '0'),
    teamId: 'platform',
    weekId: '2026-W47',
    bankVersion: 1,
    scores,
  };
}

export { seededRandom } from '../../../src/core/seeded-random';

/** A closed week's outbox entry for team "platform", waiting to be sent. */
export function waitingEntry(weekId: WeekId, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  return {
    teamId: 'platform',
    weekId,
    submission: {
      submissionId: 'ab'.repeat(32),
      teamId: 'platform',
      weekId,
      bankVersion: 1,
      scores: Object.fromEntries(ids.map((id) => [id, 4 as const])),
    },
    state: 'waiting',
    sendAt: 1_800_000_000_000,
    attempts: 0,
    problem: null,
    noised: false,
    ...overrides,
  };
}
