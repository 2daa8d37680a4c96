/** Valid records to start tests from. */
import { pulseForWeek } from '../../../src/core/rotation';
import type { PulseRecord } from '../../../src/core/schemas';
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
