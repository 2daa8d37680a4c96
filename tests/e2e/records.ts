/** Pulse records to seed the browser tests with. */
import { pulseForWeek } from '../../src/core/rotation';
import type { PulseRecord } from '../../src/core/schemas';
import type { WeekId } from '../../src/core/week';

/** A week's statements, one skipped, the rest `value`. */
export function pulseRecord(weekId: WeekId, comment: string, value: 1 | 2 | 3 | 4 | 5): PulseRecord {
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  return {
    weekId,
    bankVersion: 1,
    questionIds: ids,
    answers: Object.fromEntries(ids.map((id, i) => [id, i === 0 ? 'skip' : value])),
    comment,
    completed: true,
    updatedAt: 1_790_000_000_000,
  };
}

/** A week finished at `updatedAt`: its statements answered in turn with `answers` (repeated if short), and a comment. */
export function answeredPulse(
  weekId: WeekId,
  answers: readonly PulseRecord['answers'][string][],
  comment: string,
  updatedAt: number,
): PulseRecord {
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  return {
    weekId,
    bankVersion: 1,
    questionIds: ids,
    answers: Object.fromEntries(ids.map((id, i) => [id, answers[i % answers.length] ?? 'skip'])),
    comment,
    completed: true,
    updatedAt,
  };
}
