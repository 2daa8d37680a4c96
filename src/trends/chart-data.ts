/**
 * What the trends page draws, from the released weeks in range: x as week starts, and per theme
 * or question a value per week, null where the week was hidden or did not ask it. No DOM, so the
 * page's numbers are tested without a browser (labels come from the translations).
 */
import type { Cell } from '../core/privacy';
import { QUESTIONS, THEMES, type Theme } from '../core/questions';
import type { TrendWeek } from '../core/trends';
import { weekStart } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import { statementText, themeLabel } from '../ui/labels';

export const THEME_STYLE: Record<Theme, { color: string; dash?: number[] }> = {
  impact: { color: '#1f5fbf' },
  choice: { color: '#a14a00', dash: [8, 4] },
  improvement: { color: '#2b6e2f', dash: [2, 4] },
};

function value(cell: Cell | undefined, pick: 'favourablePct' | 'mean'): number | null {
  return cell && !cell.suppressed ? cell[pick] : null;
}

export function weekStarts(weeks: readonly TrendWeek[]): number[] {
  return weeks.map((w) => weekStart(w.weekId).getTime() / 1000);
}

export function themeSeries(weeks: readonly TrendWeek[], pick: 'favourablePct' | 'mean') {
  return THEMES.map((theme) => ({
    label: themeLabel(theme),
    values: weeks.map((w) => value(w.released.themes[theme], pick)),
    ...THEME_STYLE[theme],
  }));
}

export function responsesSeries(weeks: readonly TrendWeek[]) {
  return [{ label: t('trends_responsesSeries'), values: weeks.map((w) => w.released.responses), color: '#3d4652' }];
}

/** Each question of a theme that was asked in range, with its % favourable per week. */
export function questionSeries(weeks: readonly TrendWeek[], theme: Theme) {
  const palette = ['#1f5fbf', '#a14a00', '#2b6e2f', '#7a3e9d', '#9c2a4c'];
  return QUESTIONS.filter((q) => q.theme === theme)
    .map((q) => ({ q, values: weeks.map((w) => value(w.released.questions[q.id], 'favourablePct')) }))
    .filter(({ values }) => values.some((v) => v !== null))
    .map(({ q, values }, i) => ({ label: statementText(q), values, color: palette[i % palette.length] ?? '#1f5fbf' }));
}

/** A sentence for screen readers: the latest shown value of each line. */
export function describeLatest(
  series: readonly { label: string; values: readonly (number | null)[] }[],
  format: (value: number) => string,
) {
  return series
    .map((s) => {
      const latest = [...s.values].reverse().find((v) => v !== null);
      return latest == null ? t('trends_latestNothing', s.label) : t('trends_latestValue', s.label, format(latest));
    })
    .join('; ');
}

/** Chart values as the shown language writes them. */
export const percent = (value: number): string => t('trends_percent', formatNumber(value));
export const plain = (value: number): string => formatNumber(value);
export const responsesCount = (value: number): string => t('trends_responsesCount', value);
