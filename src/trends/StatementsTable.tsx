/**
 * Every statement in one table a manager scans: its latest % favourable, a small line of the
 * weeks shown, the change since it was last shown and when it was last asked. Lowest first; any
 * column sorts (a button in its header, so by keyboard too), and aria-sort says how.
 */
import { useMemo, useState } from 'preact/hooks';
import { DEFAULT_STATEMENT_SORT, nextSort, type StatementSortKey, sortStatements } from '../core/statement-sort';
import type { WeekId } from '../core/week';
import { formatNumber, type MessageKey, t } from '../platform/i18n';
import { ChangeChip } from '../ui/ChangeChip';
import { themeLabel } from '../ui/labels';
import { ScrollRegion } from '../ui/ScrollRegion';
import { SortHeader } from '../ui/SortHeader';
import { Sparkline } from '../ui/Sparkline';
import { weekOf, weekShort } from '../ui/week-label';
import { percent, THEME_COLOR } from './chart-data';
import type { StatementRow } from './statement-rows';

const COLUMNS: Record<StatementSortKey, MessageKey> = {
  statement: 'trends_colStatement',
  latest: 'trends_colLatest',
  change: 'trends_colChange',
  lastAsked: 'trends_colLastAsked',
};

export function StatementsTable({
  rows,
  weeks,
  kOf,
}: {
  readonly rows: readonly StatementRow[];
  /** The weeks shown, oldest first: the small lines span them. */
  readonly weeks: readonly WeekId[];
  readonly kOf: (week: WeekId) => number;
}) {
  const [sort, setSort] = useState(DEFAULT_STATEMENT_SORT);
  const sorted = useMemo(() => sortStatements(rows, sort.key, sort.direction), [rows, sort]);
  const header = (key: StatementSortKey) => (
    <SortHeader sort={sort.key === key ? sort.direction : undefined} onSort={() => setSort((s) => nextSort(s, key))}>
      {t(COLUMNS[key])}
    </SortHeader>
  );

  return (
    <ScrollRegion label={t('trends_statementsRegion')} class="wide">
      <table class="statements">
        <caption class="visually-hidden">{t('trends_statementsCaption')}</caption>
        <thead>
          <tr>
            {header('statement')}
            {header('latest')}
            <th scope="col">{t('trends_colTrend')}</th>
            {header('change')}
            {header('lastAsked')}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const spoken = r.points
              .map((p) =>
                t(
                  'trends_sparkPoint',
                  weeks[p.index] ? weekShort(weeks[p.index] as WeekId) : '',
                  p.value === null ? t('trends_sparkHidden') : percent(p.value),
                ),
              )
              .join(', ');
            return (
              <tr key={r.id} data-statement={r.id}>
                <th scope="row">
                  {/* A block with a least width: browsers differ on min-width of a table cell itself. */}
                  <div class="statement-name">
                    <span class="theme-tag">{themeLabel(r.theme)}</span>
                    {r.text}
                  </div>
                </th>
                <td class="num latest">
                  {r.latest === null ? (
                    <span class="hidden-cell">{t('trends_hidden', kOf(r.lastAsked))}</span>
                  ) : (
                    t('trends_percent', formatNumber(r.latest))
                  )}
                </td>
                <td>
                  <Sparkline
                    points={r.points}
                    weeks={weeks.length}
                    color={THEME_COLOR[r.theme]}
                    label={
                      spoken === ''
                        ? t('trends_chartNoTrend')
                        : t('trends_sparkline', t('trends_colFavourable'), spoken)
                    }
                  />
                </td>
                <td>{r.latest !== null && <ChangeChip change={r.change} since={r.since} />}</td>
                <td class="nowrap">{weekOf(r.lastAsked)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
