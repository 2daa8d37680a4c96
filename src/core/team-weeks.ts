/**
 * The manager read API's answer (GET /v1/teams/:team/weeks), as a schema both ends use: the
 * server's tests check what it sends against it, and the trends page parses what it receives with
 * it before showing a single figure.
 */
import * as z from 'zod/mini';
import { themeSchema } from './notes';
import type { Cell, ReleasedWeek } from './privacy';
import { THEMES, type Theme } from './questions';
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

/** One week's cells by question id or by theme, in zod: as cellSchema, the rules' source of truth. */
export const questionCellsSchema = z.record(z.string().check(z.maxLength(64)), cellSchema);
export const themeCellsSchema = z.partialRecord(themeSchema, cellSchema);

/**
 * cellSchema's rules as one function. A two-year answer holds about 2,000 cells; in an extension
 * page, where the CSP keeps zod from compiling its fast path, zod took about 25 ms over them, on
 * the trends page's way to its first chart. With these checks the whole answer parses in about
 * 5 ms. tests/unit/core/team-weeks.test.ts holds each check to its schema's verdict on 231 cells
 * and on records built from them.
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

const THEME_KEYS: ReadonlySet<string> = new Set(THEMES);

/** A record of cells whose keys pass `isKey`: questionCellsSchema's or themeCellsSchema's rules. */
export function isCells(value: unknown, isKey: (key: string) => boolean): value is Record<string, Cell> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const [key, cell] of Object.entries(value)) if (!isKey(key) || !isCell(cell)) return false;
  return true;
}
export const isQuestionKey = (key: string): boolean => key.length <= 64;
export const isThemeKey = (key: string): boolean => THEME_KEYS.has(key);

/** A check as a schema; what it refuses is described by the full schema, so the message names the rule. */
function checked<T>(check: (value: unknown) => boolean, full: z.ZodMiniType) {
  return z.custom<T>(check, {
    error: (issue) => {
      const detail = full.safeParse(issue.input);
      return detail.success ? undefined : describeIssues(detail.error, 1).replace(/^\(file\): /, '');
    },
  });
}

// By status, so a refused week says what is wrong with it rather than that it matches neither kind.
export const weekViewSchema = z.discriminatedUnion('status', [
  z.strictObject({
    weekId: weekIdSchema,
    status: z.literal('released'),
    k: z.number().check(z.int(), z.gte(3)),
    responses: z.nullable(z.number().check(z.int(), z.gte(0))),
    suppressed: z.boolean(),
    questions: checked<Record<string, Cell>>((v) => isCells(v, isQuestionKey), questionCellsSchema),
    themes: checked<Partial<Record<Theme, Cell>>>((v) => isCells(v, isThemeKey), themeCellsSchema),
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
  /** Open (one shared invite: one person could answer more than once) or personal (one vote each). */
  kind: z.optional(z.enum(['open', 'personal'])),
  k: z.number().check(z.int(), z.gte(3)),
  /** When the next week's figures come out (endpoints before it listed collecting weeks instead). */
  nextReleaseAt: z.optional(z.string().check(z.maxLength(40))),
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
