import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { releaseWeek } from '../../../src/core/privacy';
import {
  cellSchema,
  isCell,
  isCells,
  isQuestionKey,
  isThemeKey,
  questionCellsSchema,
  releasedTrendWeeks,
  teamWeeksSchema,
  themeCellsSchema,
} from '../../../src/core/team-weeks';
import { scored } from './samples';

const shown = releaseWeek(
  aggregateWeek(Array.from({ length: 6 }, (_, i) => scored(i + 1, { 'impact-customers': 4 }))),
  5,
);

describe('the team weeks answer', () => {
  const answer = {
    teamId: 'platform',
    name: 'Platform',
    k: 5,
    weeks: [
      { weekId: '2026-W47', status: 'collecting', releasesAt: '2026-12-07T12:00:00.000Z' },
      { weekId: '2026-W46', status: 'released', k: 5, ...shown },
      { weekId: '2026-W45', status: 'released', k: 5, responses: null, suppressed: true, questions: {}, themes: {} },
    ],
  };

  it('parses what the endpoint sends, and gives the released weeks oldest first', () => {
    const parsed = teamWeeksSchema.parse(answer);
    expect(releasedTrendWeeks(parsed.weeks).map((w) => w.weekId)).toEqual(['2026-W45', '2026-W46']);
    // Endpoints that list released weeks only say when the next figures come instead.
    const now = { ...answer, weeks: answer.weeks.slice(1), nextReleaseAt: '2026-12-07T12:00:00.000Z' };
    expect(teamWeeksSchema.parse(now).nextReleaseAt).toBe('2026-12-07T12:00:00.000Z');
    expect(teamWeeksSchema.safeParse({ ...now, nextReleaseAt: 7 }).success).toBe(false);
  });

  it('refuses figures out of range, unknown themes and extra fields', () => {
    const week = answer.weeks[1] as (typeof answer.weeks)[1] & { themes: object };
    for (const bad of [
      {
        ...week,
        themes: {
          impact: { suppressed: false, responses: 6, mean: 9, favourablePct: 1, neutralPct: 1, unfavourablePct: 1 },
        },
      },
      { ...week, themes: { morale: { suppressed: true, reason: 'x' } } },
      { ...week, extra: 1 },
      { ...week, status: 'published' },
    ]) {
      expect(teamWeeksSchema.safeParse({ ...answer, weeks: [bad] }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('a figure cell', () => {
  const shownCell = {
    suppressed: false,
    responses: 8,
    mean: 3.25,
    favourablePct: 50,
    neutralPct: 25,
    unfavourablePct: 25,
  };
  const hiddenCell = { suppressed: true, reason: 'fewer than 5 responses' };
  const values = [
    -1,
    -0.5,
    0,
    0.5,
    1,
    2.5,
    5,
    5.01,
    99.5,
    100,
    100.5,
    2 ** 53,
    2 ** 53 - 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '8',
    '',
    'x'.repeat(200),
    'x'.repeat(201),
    null,
    undefined,
    true,
    false,
    [],
    {},
    [8],
  ];
  // Every field of both kinds set to every value, left out, or joined by an extra one.
  const cells: unknown[] = [shownCell, hiddenCell, null, undefined, 8, 'cell', [], [shownCell], {}];
  for (const base of [shownCell, hiddenCell]) {
    for (const key of Object.keys(base)) {
      for (const value of values) cells.push({ ...base, [key]: value });
      const { [key as keyof typeof base]: _left, ...without } = base;
      cells.push(without);
    }
    cells.push({ ...base, extra: 1 }, { ...base, reason: 'x' }, { ...base, mean: 3 });
  }

  it(`gets the same verdict from the quick check as from the schema, over ${cells.length} cells`, () => {
    const verdicts = cells.map((c) => [isCell(c), cellSchema.safeParse(c).success]);
    expect(verdicts.filter(([fast, slow]) => fast !== slow).length).toBe(0);
    // Both kinds of verdict are exercised, not only refusals.
    expect(verdicts.filter(([, slow]) => slow).length).toBeGreaterThan(10);
    expect(verdicts.filter(([, slow]) => !slow).length).toBeGreaterThan(100);
  });

  it('gets the same verdict from the quick checks as from the schemas for records of cells', () => {
    const keys = [
      'impact-customers',
      'impact',
      'choice',
      'improvement',
      'morale',
      '',
      'x'.repeat(64),
      'x'.repeat(65),
      '__proto__',
      'constructor',
    ];
    const records: unknown[] = [null, [], 'cells', 8, {}, [shownCell]];
    for (const key of keys) for (const cell of cells) records.push({ [key]: cell });
    for (const cell of cells)
      records.push({ impact: shownCell, choice: cell }, { 'impact-customers': hiddenCell, 'choice-how': cell });
    records.push(JSON.parse('{"__proto__": {"suppressed": true, "reason": "x"}}'));
    const disagreements = (
      isKey: (key: string) => boolean,
      schema: typeof questionCellsSchema | typeof themeCellsSchema,
    ) =>
      records.filter(
        (r) => isCells(r, isKey) !== schema.safeParse(r).success && !Object.hasOwn(r as object, '__proto__'),
      );
    expect(disagreements(isQuestionKey, questionCellsSchema)).toEqual([]);
    expect(disagreements(isThemeKey, themeCellsSchema)).toEqual([]);
    expect(records.filter((r) => themeCellsSchema.safeParse(r).success).length).toBeGreaterThan(20);
    // zod skips a "__proto__" key (JSON.parse makes it an own property); the quick check is stricter.
    const polluted = JSON.parse('{"__proto__": {"suppressed": "no"}}');
    expect(questionCellsSchema.safeParse(polluted).success).toBe(true);
    expect(isCells(polluted, isQuestionKey)).toBe(false);
  });

  it('names the broken rule and where it is when the answer holds a bad cell', () => {
    const week = { weekId: '2026-W46', status: 'released', k: 5, responses: 8, suppressed: false, themes: {} };
    const bad = { ...week, questions: { 'impact-customers': { ...shownCell, mean: 9 } } };
    const parsed = teamWeeksSchema.safeParse({ teamId: 't', name: 'T', k: 5, weeks: [bad] });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.path).toEqual(['weeks', 0, 'questions']);
    expect(issue?.message).toBe('impact-customers.mean: is too large (at most 5)');
  });
});
