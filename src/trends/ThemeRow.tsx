/**
 * One theme as a manager reads it: the latest week's % favourable, large, with its change as a
 * chip naming the week it compares with, and beside it the chart of the weeks shown.
 */
import type { LatestFigure } from '../core/latest-figures';
import type { Theme } from '../core/questions';
import type { WeekId } from '../core/week';
import { formatNumber, t, tCount } from '../platform/i18n';
import { ChangeChip } from '../ui/ChangeChip';
import { themeLabel } from '../ui/labels';
import { weekOf } from '../ui/week-label';
import { percent, THEME_COLOR, type ThemeChart } from './chart-data';
import { TrendChart } from './TrendChart';

const NOTE_TIP_CHARS = 90;

function shorten(text: string): string {
  return text.length <= NOTE_TIP_CHARS ? text : `${text.slice(0, NOTE_TIP_CHARS - 1).trimEnd()}…`;
}

export function ThemeRow({
  theme,
  latest,
  lastWeek,
  kOf,
  weeks,
  labels,
  chart,
  notes,
}: {
  readonly theme: Theme;
  /** What the last week that asked the theme showed; undefined when no week did. */
  readonly latest: LatestFigure | undefined;
  /** The latest released week, which the headline describes. */
  readonly lastWeek: WeekId;
  readonly kOf: (week: WeekId) => number;
  /** The weeks shown, oldest first. */
  readonly weeks: readonly WeekId[];
  readonly labels: readonly string[];
  readonly chart: ThemeChart;
  /** Notes written for this theme, by week. */
  readonly notes: ReadonlyMap<WeekId, string>;
}) {
  const name = themeLabel(theme);
  const now = latest?.weekId === lastWeek ? latest : undefined;
  const first = chart.trend.find((v) => v !== null);
  const last = chart.trend.findLast((v) => v !== null);
  const summary =
    first == null || last == null
      ? t('trends_chartNoTrend')
      : t('trends_chartTrend', formatNumber(first), formatNumber(last));
  const marks = weeks.flatMap((w, i) => (notes.has(w) ? [i] : []));

  const tip = (i: number): string[] => {
    const week = weeks[i];
    const shown = chart.weeks[i];
    if (!week || !shown) return [];
    const lines = [weekOf(week)];
    if (shown.kind === 'shown') {
      lines.push(t('trends_tipFavourable', formatNumber(shown.cell.favourablePct)));
      const trend = chart.trend[i];
      if (trend != null) lines.push(t('trends_tipTrend', formatNumber(trend)));
      lines.push(tCount('trends_responses', shown.cell.responses));
    } else {
      lines.push(shown.kind === 'hidden' ? t('trends_hidden', kOf(week)) : t('trends_notAsked'));
    }
    const note = notes.get(week);
    if (note) lines.push(t('trends_tipNote', shorten(note)));
    return lines;
  };

  return (
    <figure class="chart theme-row" data-theme={theme}>
      <figcaption class="theme-figures">
        <h3 class="theme-name">{name}</h3>
        {!now ? (
          <p class="muted">{t('trends_notAsked')}</p>
        ) : now.cell.suppressed ? (
          <p class="muted">{t('trends_hidden', kOf(lastWeek))}</p>
        ) : (
          <>
            <p class="big-figure">
              <span class="big">{t('trends_favourableShort', formatNumber(now.cell.favourablePct))}</span>{' '}
              {t('trends_favourableWord')}
            </p>
            <p class="chip-line">
              <ChangeChip change={now.change} since={now.since} />
            </p>
            <p class="small muted">{t('trends_mean', formatNumber(now.cell.mean, 2))}</p>
          </>
        )}
      </figcaption>
      <TrendChart
        labels={labels}
        values={chart.values}
        trend={chart.trend}
        hidden={chart.hidden}
        marks={marks}
        color={THEME_COLOR[theme]}
        label={t('trends_chartLabel', name, summary)}
        tip={tip}
        format={percent}
      />
    </figure>
  );
}
