/**
 * The manager read API's answer (GET /v1/teams/:team/weeks), as a schema both ends use: the
 * server's tests check what it sends against it, and the trends page parses what it receives with
 * it before showing a single figure.
 */
import * as z from 'zod/mini';
import { themeSchema } from './notes';
import type { Cell, ReleasedWeek } from './privacy';
import { describeIssues, weekIdSchema } from './schemas';
import type { TrendWeek } from './trends';
import { compareWeekIds } from './week';

const pct = z.number().check(z.gte(0), z.lte(100));

/** One figure cell, in zod: the rules' source of truth, and what names the rule a refused cell broke. */
export const cellSchema = z.union([
  z.strictObject({
    suppressed: z.literal(false),
    responses: z.number().check(z.int(), z.gte(0)),
    mean: z.number().check(z.gte(1), z.lte(5)),
    favourablePct: pct,
    neutralPct: pct,
    unfavourablePct: pct,
  }),
  z.strictObject({ suppressed: z.literal(true), reason: z.string().check(z.maxLength(200)) }),
]);

const isPct = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 100;

/**
 * cellSchema's rules as one function. A two-year answer holds about 2,000 cells; in an extension
 * page, where the CSP keeps zod from compiling its fast path, cellSchema took about 25 ms over
 * them, on the trends page's way to its first chart, and this takes well under 1 ms.
 * tests/unit/core/team-weeks.test.ts holds the two to the same verdict on 231 cells.
 */
export function isCell(value: unknown): value is Cell {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const c = value as Record<string, unknown>;
  const keys = Object.keys(c).length;
  if (c.suppressed === true) return keys === 2 && typeof c.reason === 'string' && c.reason.length <= 200;
  return (
    c.suppressed === false &&
    keys === 6 &&
    Number.isSafeInteger(c.responses) &&
    (c.responses as number) >= 0 &&
    typeof c.mean === 'number' &&
    c.mean >= 1 &&
    c.mean <= 5 &&
    isPct(c.favourablePct) &&
    isPct(c.neutralPct) &&
    isPct(c.unfavourablePct)
  );
}

/** isCell as a schema; a refused cell is described by cellSchema, so the message names the rule. */
const checkedCell = z.custom<Cell>(isCell, {
  error: (issue) => {
    const detail = cellSchema.safeParse(issue.input);
    return detail.success ? undefined : describeIssues(detail.error, 1).replace(/^\(file\): /, '');
  },
});

// By status, so a refused week says what is wrong with it rather than that it matches neither kind.
export const weekViewSchema = z.discriminatedUnion('status', [
  z.strictObject({
    weekId: weekIdSchema,
    status: z.literal('released'),
    k: z.number().check(z.int(), z.gte(3)),
    responses: z.nullable(z.number().check(z.int(), z.gte(0))),
    suppressed: z.boolean(),
    questions: z.record(z.string().check(z.maxLength(64)), checkedCell),
    themes: z.partialRecord(themeSchema, checkedCell),
  }),
  z.strictObject({
    weekId: weekIdSchema,
    status: z.enum(['open', 'collecting']),
    releasesAt: z.nullable(z.string()),
  }),
]);
export type WeekView = z.infer<typeof weekViewSchema>;

export const teamWeeksSchema = z.strictObject({
  teamId: z.string().check(z.maxLength(40)),
  name: z.string().check(z.maxLength(200)),
  k: z.number().check(z.int(), z.gte(3)),
  weeks: z.array(weekViewSchema).check(z.maxLength(5000)),
});
export type TeamWeeks = z.infer<typeof teamWeeksSchema>;

/** The released weeks, oldest first, as the trend rows take them. */
export function releasedTrendWeeks(weeks: readonly WeekView[]): TrendWeek[] {
  return weeks
    .flatMap((w) => {
      if (w.status !== 'released') return [];
      const released: ReleasedWeek = {
        responses: w.responses,
        suppressed: w.suppressed,
        questions: w.questions,
        themes: w.themes,
      };
      return [{ weekId: w.weekId, released }];
    })
    .sort((a, b) => compareWeekIds(a.weekId, b.weekId));
}
