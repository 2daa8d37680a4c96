/**
 * The engineer's own history: one summary per week for "the last weeks at a glance". Own data
 * only; nothing here is shared.
 */
import { questionById, THEMES, type Theme } from './questions';
import { isScaleValue } from './scale';
import type { PulseRecord } from './schemas';

export interface WeekSummary {
  readonly weekId: PulseRecord['weekId'];
  readonly answered: number;
  readonly skipped: number;
  readonly asked: number;
  /** Mean of this week's 1–5 answers per theme; null where every answer was skipped or missing. */
  readonly themeMeans: Record<Theme, number | null>;
}

export function summarizeWeek(record: PulseRecord): WeekSummary {
  const sums = new Map<Theme, { total: number; n: number }>();
  let answered = 0;
  let skipped = 0;
  for (const id of record.questionIds) {
    const answer = record.answers[id];
    const question = questionById(id);
    if (answer === 'skip') skipped++;
    if (!isScaleValue(answer) || !question) continue;
    answered++;
    const s = sums.get(question.theme) ?? { total: 0, n: 0 };
    s.total += answer;
    s.n++;
    sums.set(question.theme, s);
  }
  const themeMeans = Object.fromEntries(
    THEMES.map((t) => {
      const s = sums.get(t);
      return [t, s ? s.total / s.n : null];
    }),
  ) as Record<Theme, number | null>;
  return { weekId: record.weekId, answered, skipped, asked: record.questionIds.length, themeMeans };
}
