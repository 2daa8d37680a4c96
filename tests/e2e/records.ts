/** Pulse records to seed the browser tests with: a week's statements, one skipped, the rest `value`. */
import { pulseForWeek } from '../../src/core/rotation';
import type { PulseRecord } from '../../src/core/schemas';
import type { WeekId } from '../../src/core/week';

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
