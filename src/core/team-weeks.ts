/**
 * The manager read API's answer (GET /v1/teams/:team/weeks), as a schema both ends use: the
 * server's tests check what it sends against it, and the trends page parses what it receives with
 * it before showing a single figure.
 */
import * as z from 'zod/mini';
import { themeSchema } from './notes';
import type { ReleasedWeek } from './privacy';
import { weekIdSchema } from './schemas';
import type { TrendWeek } from './trends';

const pct = z.number().check(z.gte(0), z.lte(100));

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

export const weekViewSchema = z.union([
  z.strictObject({
    weekId: weekIdSchema,
    status: z.literal('released'),
    k: z.number().check(z.int(), z.gte(3)),
    responses: z.nullable(z.number().check(z.int(), z.gte(0))),
    suppressed: z.boolean(),
    questions: z.record(z.string().check(z.maxLength(64)), cellSchema),
    themes: z.partialRecord(themeSchema, cellSchema),
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
    .sort((a, b) => a.weekId.localeCompare(b.weekId));
}
