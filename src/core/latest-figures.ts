/**
 * What a manager reads first about each theme and statement: what the last week that asked it
 * showed, and the change in % favourable since the week it was last shown before that, naming
 * that week ("+5 vs W46"). One pass over the released weeks, oldest first.
 */
import type { Cell } from './privacy';
import type { Theme } from './questions';
import { type TrendWeek, weekCells } from './trends';
import type { WeekId } from './week';

export interface LatestFigure {
  /** The last week that asked it (a theme: that asked one of its statements). */
  readonly weekId: WeekId;
  /** What that week showed of it: figures, or hidden below k. */
  readonly cell: Cell;
  /** Points of % favourable since `since`; null when hidden now or never shown before. */
  readonly change: number | null;
  /** The last earlier week it was shown. */
  readonly since: WeekId | null;
}

export interface LatestFigures {
  readonly themes: ReadonlyMap<Theme, LatestFigure>;
  readonly questions: ReadonlyMap<string, LatestFigure>;
}

export function latestFigures(weeks: readonly TrendWeek[]): LatestFigures {
  const shown = new Map<string, { weekId: WeekId; pct: number }>();
  const themes = new Map<Theme, LatestFigure>();
  const questions = new Map<string, LatestFigure>();
  for (const week of weeks) {
    for (const { theme, questionId, cell } of weekCells(week)) {
      const key = questionId ?? `theme:${theme}`;
      const before = shown.get(key);
      const latest: LatestFigure = {
        weekId: week.weekId,
        cell,
        change: !cell.suppressed && before ? cell.favourablePct - before.pct : null,
        since: before?.weekId ?? null,
      };
      if (questionId === null) themes.set(theme, latest);
      else questions.set(questionId, latest);
      if (!cell.suppressed) shown.set(key, { weekId: week.weekId, pct: cell.favourablePct });
    }
  }
  return { themes, questions };
}
