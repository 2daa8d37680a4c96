/**
 * What the trends page draws, from the released weeks: per theme, its % favourable per week in
 * range (null where hidden or not asked), the trend line through them, and which weeks were
 * hidden below k. The trend is computed over every week and then cut to the range, so the first
 * week shown leans on the weeks before it as the last leans on the weeks before it. No DOM, so the
 * page's numbers are tested without a browser.
 */
import type { Cell } from '../core/privacy';
import type { Theme } from '../core/questions';
import { smoothed } from '../core/smoothing';
import type { TrendWeek } from '../core/trends';
import { formatNumber, t } from '../platform/i18n';
import { weekDay } from '../ui/week-label';

/** Each theme's colour, from the page's colour scheme (src/ui/styles.css); a canvas resolves it with `cssColor`. */
export const THEME_COLOR: Record<Theme, string> = {
  impact: 'var(--chart-impact)',
  choice: 'var(--chart-choice)',
  improvement: 'var(--chart-improvement)',
};

/** What a week showed of a theme: its figures, hidden below k, or not asked (nobody answered its statements). */
export type ThemeWeek =
  | { readonly kind: 'shown'; readonly cell: Cell & { suppressed: false } }
  | { readonly kind: 'hidden' | 'not-asked' };

export function themeWeek(week: TrendWeek, theme: Theme): ThemeWeek {
  const cell = week.released.themes[theme];
  if (week.released.suppressed || cell?.suppressed) return { kind: 'hidden' };
  return cell ? { kind: 'shown', cell } : { kind: 'not-asked' };
}

/** Weeks either side a trend point averages: one (three weeks) week to week, two in the long view. */
export function trendRadius(weeksShown: number): number {
  return weeksShown > 13 ? 2 : 1;
}

export interface ThemeChart {
  readonly values: (number | null)[];
  readonly trend: (number | null)[];
  /** Indices, in range, of the weeks hidden below k. */
  readonly hidden: number[];
  readonly weeks: ThemeWeek[];
}

/** A theme's chart over `all` released weeks (oldest first), showing those from index `from`. */
export function themeChart(all: readonly TrendWeek[], from: number, theme: Theme): ThemeChart {
  const weeks = all.map((w) => themeWeek(w, theme));
  const values = weeks.map((w) => (w.kind === 'shown' ? w.cell.favourablePct : null));
  const shown = weeks.slice(from);
  return {
    values: values.slice(from),
    trend: smoothed(values, trendRadius(shown.length)).slice(from),
    hidden: shown.flatMap((w, i) => (w.kind === 'hidden' ? [i] : [])),
    weeks: shown,
  };
}

/** The axis label under each week's point: its Monday ("16 Nov"). */
export function weekLabels(weeks: readonly TrendWeek[]): string[] {
  return weeks.map((w) => weekDay(w.weekId));
}

/** Chart values as the shown language writes them. */
export const percent = (value: number): string => t('trends_percent', formatNumber(value));
