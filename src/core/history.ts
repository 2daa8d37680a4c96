/**
 * The engineer's own history: one summary per week for "the last weeks at a glance", and the
 * rows of their personal CSV export. Own data only; nothing here is shared.
 */
import { type CsvCell, toCsv } from './csv';
import { questionById, THEMES, type Theme } from './questions';
import { answerLabel, isScaleValue } from './scale';
import type { PulseRecord } from './schemas';
import { weekStartIsoDate } from './week';

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

export const MY_HISTORY_CSV_HEADER = [
  'iso_week',
  'week_start',
  'theme',
  'question_id',
  'question_text',
  'answer',
  'answer_label',
  'week_comment',
] as const;

/** One row per week and question, oldest week first; the week's comment on each of its rows. */
export function myHistoryCsv(pulses: readonly PulseRecord[]): string {
  const rows: CsvCell[][] = [];
  const sorted = [...pulses].sort((a, b) => a.weekId.localeCompare(b.weekId));
  for (const pulse of sorted) {
    for (const id of pulse.questionIds) {
      const question = questionById(id);
      const answer = pulse.answers[id];
      rows.push([
        pulse.weekId,
        weekStartIsoDate(pulse.weekId),
        question?.theme ?? '',
        id,
        question?.text ?? '',
        isScaleValue(answer) ? answer : null,
        answer === undefined ? 'Not answered' : answerLabel(answer),
        pulse.comment,
      ]);
    }
  }
  return toCsv(MY_HISTORY_CSV_HEADER, rows);
}
