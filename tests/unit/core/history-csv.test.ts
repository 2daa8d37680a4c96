import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MY_HISTORY_CSV_HEADER, myHistoryCsv } from '../../../src/core/history-csv';
import type { PulseRecord } from '../../../src/core/schemas';
import { halfAnswered } from './samples';

const record = halfAnswered;

describe('myHistoryCsv', () => {
  it('writes one row per week and question that papaparse reads back cell by cell', () => {
    const older: PulseRecord = {
      ...record,
      weekId: '2026-W47',
      questionIds: ['impact-customers'],
      answers: { 'impact-customers': 2 },
      comment: '',
    };
    const text = myHistoryCsv([record, older]);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...MY_HISTORY_CSV_HEADER]);
    expect(parsed.data.map((r) => [r.iso_week, r.question_id, r.answer, r.answer_label])).toEqual([
      ['2026-W47', 'impact-customers', '2', 'Disagree'],
      ['2026-W48', 'impact-customers', '4', 'Agree'],
      ['2026-W48', 'impact-outcome', '5', 'Strongly agree'],
      ['2026-W48', 'choice-solution', '', 'Skipped'],
      ['2026-W48', 'improvement-growth', '', 'Not answered'],
    ]);
    expect(parsed.data[1]?.week_start).toBe('2026-11-23');
    expect(parsed.data[1]?.theme).toBe('impact');
    expect(parsed.data[1]?.week_comment).toBe(`'=SUM(A1), "quoted"\nnext line`);
  });
});
