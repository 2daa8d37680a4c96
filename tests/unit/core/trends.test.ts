import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { csvLine } from '../../../src/core/csv';
import { releaseWeek } from '../../../src/core/privacy';
import type { Theme } from '../../../src/core/questions';
import { pulseForWeek } from '../../../src/core/rotation';
import type { Submission } from '../../../src/core/submission';
import {
  latestThemeRows,
  TREND_CSV_HEADER,
  TREND_LINES_FORMAT,
  trendCsvRow,
  trendLineWriter,
  trendRows,
} from '../../../src/core/trends';
import type { WeekId } from '../../../src/core/week';
import { addWeeksToId } from '../../../src/core/week';

/** `n` people answering every question of the week (but those of `skipped` themes) with `score(i)`. */
function week(weekId: WeekId, n: number, score: (i: number) => 1 | 2 | 3 | 4 | 5, skipped: Theme[] = []) {
  const ids = pulseForWeek(weekId)
    .questions.filter((q) => !skipped.includes(q.theme))
    .map((q) => q.id);
  const subs: Submission[] = Array.from({ length: n }, (_, i) => ({
    submissionId: `${weekId}-${i}`.padStart(64, '0'),
    teamId: 'platform',
    weekId,
    bankVersion: 1,
    scores: Object.fromEntries(ids.map((id) => [id, score(i)])),
  }));
  return { weekId, released: releaseWeek(aggregateWeek(subs), 5) };
}

describe('trend rows', () => {
  it('gives the last week’s theme rows as the full rows do, however far back each theme was shown', () => {
    // Weeks below k here and there, so a theme's previous figure may be weeks back, or absent.
    const sizes = [6, 3, 7, 8, 2, 2, 9, 5, 4, 6, 3, 10];
    const weeks = sizes.map((n, i) =>
      week(addWeeksToId('2026-W40', i), n, (p) => (((p + i) % 5) + 1) as 1 | 2 | 3 | 4 | 5),
    );
    for (let end = 1; end <= weeks.length; end++) {
      const some = weeks.slice(0, end);
      const last = some.at(-1)?.weekId;
      expect(latestThemeRows(some), `${end} weeks`).toEqual(
        trendRows(some).filter((r) => r.weekId === last && r.questionId === null),
      );
    }
    // A theme nobody answered drops out of a week; the last week's themes still look past it.
    const gaps = [
      week('2026-W01', 6, () => 4),
      week('2026-W02', 6, () => 2, ['choice']),
      week('2026-W03', 6, (i) => (i < 3 ? 4 : 2), ['improvement']),
    ];
    const expected = trendRows(gaps).filter((r) => r.weekId === '2026-W03' && r.questionId === null);
    expect(expected.map((r) => [r.theme, r.change])).toEqual([
      ['impact', 50],
      ['choice', -50],
    ]);
    expect(latestThemeRows(gaps)).toEqual(expected);
    expect(latestThemeRows([])).toEqual([]);
    expect(latestThemeRows(weeks).some((r) => r.change !== null)).toBe(true);
  });

  it('gives each theme, then its questions, for every week, with the change since it was last shown', () => {
    const rows = trendRows([week('2026-W45', 6, () => 4), week('2026-W46', 6, (i) => (i < 3 ? 4 : 2))]);
    const w45 = rows.filter((r) => r.weekId === '2026-W45');
    expect(w45.map((r) => r.questionId ?? `[${r.theme}]`)).toEqual(
      ['impact', 'choice', 'improvement'].flatMap((theme) => [
        `[${theme}]`,
        ...pulseForWeek('2026-W45')
          .questions.filter((q) => q.theme === theme)
          .map((q) => q.id)
          .sort((a, b) => bankOrder(a) - bankOrder(b)),
      ]),
    );
    expect(w45.every((r) => r.change === null)).toBe(true);
    const impact46 = rows.find((r) => r.weekId === '2026-W46' && r.questionId === null && r.theme === 'impact');
    expect(impact46?.cell).toMatchObject({ suppressed: false, favourablePct: 50 });
    expect(impact46?.change).toBe(-50);
  });

  it('marks every cell of a week below k as suppressed, with no figures and no change, and skips it for the next change', () => {
    const rows = trendRows([week('2026-W44', 6, () => 5), week('2026-W45', 4, () => 1), week('2026-W46', 6, () => 4)]);
    const w45 = rows.filter((r) => r.weekId === '2026-W45');
    expect(w45.length).toBeGreaterThan(3);
    expect(w45.every((r) => r.cell.suppressed && r.change === null)).toBe(true);
    const impact46 = rows.find((r) => r.weekId === '2026-W46' && r.questionId === null && r.theme === 'impact');
    expect(impact46?.change).toBe(0); // 100 % in W44, 100 % in W46; W45 was never shown
  });

  it('writes the design’s columns, numbers as numbers and suppressed cells empty', () => {
    const [shown] = trendRows([week('2026-W47', 6, () => 4)]);
    expect(TREND_CSV_HEADER).toEqual([
      'team',
      'iso_week',
      'week_start',
      'theme',
      'question_id',
      'question_text',
      'responses',
      'mean',
      'favourable_pct',
      'neutral_pct',
      'unfavourable_pct',
      'change_from_previous',
      'suppressed',
      'counting',
    ]);
    expect(shown && trendCsvRow(shown, { team: 'Platform', kind: 'personal' })).toEqual([
      'Platform',
      '2026-W47',
      '2026-11-16',
      'impact',
      '',
      'Impact',
      6,
      4,
      100,
      0,
      0,
      null,
      false,
      'one vote per person',
    ]);
    const [hidden] = trendRows([week('2026-W47', 2, () => 4)]);
    expect(hidden && trendCsvRow(hidden, { team: 'Platform', kind: 'open' }).slice(6)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      true,
      'open team: one person could answer more than once',
    ]);
  });

  it('writes lines fast, exactly as the generic writer would, hostile names included', () => {
    const rows = trendRows([
      week('2026-W44', 6, (i) => ((i % 5) + 1) as 1),
      week('2026-W45', 3, () => 4),
      week('2026-W53', 7, (i) => (i < 4 ? 5 : 2)),
      week('2027-W01', 9, () => 3),
    ]);
    const names = { team: '=Équipe, "A"\n+1', kind: 'open' as const, questionText: (id: string) => `@${id}, "q"\r\n-` };
    const line = trendLineWriter(names);
    expect(rows.map(line)).toEqual(rows.map((r) => csvLine(trendCsvRow(r, names))));
    const plain = trendLineWriter({ team: 'Platform', kind: 'personal' });
    expect(rows.map(plain)).toEqual(rows.map((r) => csvLine(trendCsvRow(r, { team: 'Platform', kind: 'personal' }))));
  });

  it('pins the lines to TREND_LINES_FORMAT: changing what is written fails here until it is bumped', () => {
    const rows = trendRows([week('2026-W44', 6, (i) => ((i % 5) + 1) as 1), week('2026-W45', 3, () => 4)]);
    const line = trendLineWriter({ team: 'Platform', kind: 'open' });
    const text = rows.map(line).join('');
    // Kept lines written under another format are built again; the same format must mean the same text.
    expect({ format: TREND_LINES_FORMAT, sha256: createHash('sha256').update(text).digest('hex') }).toEqual({
      format: 3,
      sha256: '81f5d594cfe2562b734bf86c997d7716f253b9c88324f40e6082f6e4a5b9eca1',
    });
  });

  it('puts weeks around New Year in their ISO week-year', () => {
    const [row] = trendRows([week('2026-W53', 6, () => 4)]);
    expect(row && trendCsvRow(row, { team: 't', kind: 'open' }).slice(1, 3)).toEqual(['2026-W53', '2026-12-28']);
  });
});

import { QUESTIONS } from '../../../src/core/questions';

function bankOrder(id: string): number {
  return QUESTIONS.findIndex((q) => q.id === id);
}
