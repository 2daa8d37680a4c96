/**
 * The same figures as the charts, as a table with the manager CSV's columns: for screen readers,
 * for copying, and as what "Export CSV" writes. Newest week first, as a manager looks for it (the
 * CSV keeps the endpoint's oldest-first order). Hidden cells say "fewer than k responses", with
 * the k that week was released under.
 */
import { questionById } from '../core/questions';
import type { TrendRow } from '../core/trends';
import type { WeekId } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import { statementText, themeLabel } from '../ui/labels';
import { ScrollRegion } from '../ui/ScrollRegion';

function statementName(id: string): string {
  const question = questionById(id);
  return question ? statementText(question) : id;
}

function signed(n: number | null): string {
  if (n === null) return '';
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** Rows come oldest week first, each week's rows together: the weeks turned round, each week's order kept. */
function newestFirst(rows: readonly TrendRow[]): TrendRow[] {
  const weeks: TrendRow[][] = [];
  for (const r of rows) {
    const current = weeks.at(-1);
    if (current?.[0]?.weekId === r.weekId) current.push(r);
    else weeks.push([r]);
  }
  return weeks.reverse().flat();
}

export function TrendTable({
  rows,
  kOf,
}: {
  readonly rows: readonly TrendRow[];
  readonly kOf: (week: WeekId) => number;
}) {
  return (
    <ScrollRegion label={t('trends_tableRegion')}>
      <table class="trend-table">
        <caption>{t('trends_tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trends_colWeek')}</th>
            <th scope="col">{t('trends_colItem')}</th>
            <th scope="col">{t('trends_colResponses')}</th>
            <th scope="col">{t('trends_colMean')}</th>
            <th scope="col">{t('trends_colFavourable')}</th>
            <th scope="col">{t('trends_colNeutral')}</th>
            <th scope="col">{t('trends_colUnfavourable')}</th>
            <th scope="col">{t('trends_colChange')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst(rows).map((r) => (
            <tr key={`${r.weekId}:${r.questionId ?? r.theme}`} class={r.questionId ? 'question' : 'theme'}>
              <th scope="row" class="nowrap">
                {r.weekId}
              </th>
              <td>{r.questionId ? statementName(r.questionId) : themeLabel(r.theme)}</td>
              {r.cell.suppressed ? (
                <td colSpan={6} class="hidden-cell">
                  {t('trends_hidden', kOf(r.weekId))}
                </td>
              ) : (
                <>
                  <td class="num">{r.cell.responses}</td>
                  <td class="num">{formatNumber(r.cell.mean, 2)}</td>
                  <td class="num">{r.cell.favourablePct}</td>
                  <td class="num">{r.cell.neutralPct}</td>
                  <td class="num">{r.cell.unfavourablePct}</td>
                  <td class="num">{signed(r.change)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
