/**
 * The statements table's rows: each statement the team was ever asked, with what the last week
 * that asked it showed, the change since the week it was last shown before that, and its points
 * in the weeks shown for the small trend line. No DOM; sorted by core/statement-sort.ts.
 */
import type { LatestFigure } from '../core/latest-figures';
import { questionById, type Theme } from '../core/questions';
import { pulseForWeek } from '../core/rotation';
import type { SortableStatement } from '../core/statement-sort';
import type { TrendWeek } from '../core/trends';
import type { WeekId } from '../core/week';
import { statementText } from '../ui/labels';
import type { SparkPoint } from '../ui/Sparkline';

export interface StatementRow extends SortableStatement {
  readonly id: string;
  readonly theme: Theme;
  readonly since: WeekId | null;
  /** The times it was asked in the weeks shown: a value, or null when hidden below k. */
  readonly points: SparkPoint[];
}

export function statementRows(latest: ReadonlyMap<string, LatestFigure>, weeks: readonly TrendWeek[]): StatementRow[] {
  const rows: StatementRow[] = [];
  for (const [id, figure] of latest) {
    const question = questionById(id);
    if (!question) continue;
    const points: SparkPoint[] = [];
    weeks.forEach((w, index) => {
      const cell = w.released.questions[id];
      if (cell) points.push({ index, value: cell.suppressed ? null : cell.favourablePct });
      else if (w.released.suppressed && isAskedIn(w, id)) points.push({ index, value: null });
    });
    rows.push({
      id,
      theme: question.theme,
      text: statementText(question),
      latest: figure.cell.suppressed ? null : figure.cell.favourablePct,
      change: figure.change,
      since: figure.since,
      lastAsked: figure.weekId,
      points,
    });
  }
  return rows;
}

/** A week hidden whole lists no statements: the rotation says which it asked. */
function isAskedIn(week: TrendWeek, id: string): boolean {
  return pulseForWeek(week.weekId).questions.some((q) => q.id === id);
}
