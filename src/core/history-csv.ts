/** The engineer's own history as CSV, with the same RFC 4180 writer the team exports use. */
import { type CsvCell, toCsv } from './csv';
import { questionById } from './questions';
import { answerLabel, isScaleValue } from './scale';
import type { PulseRecord } from './schemas';
import { compareWeekIds, weekStartIsoDate } from './week';

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
  const sorted = [...pulses].sort((a, b) => compareWeekIds(a.weekId, b.weekId));
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
