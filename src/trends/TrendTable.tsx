/**
 * The same figures as the charts, as a table with the manager CSV's columns: for screen readers,
 * for copying, and as what "Export CSV" writes. Hidden cells say "fewer than k responses".
 */
import { questionById } from '../core/questions';
import type { TrendRow } from '../core/trends';
import { formatNumber, t } from '../platform/i18n';
import { statementText, themeLabel } from '../ui/labels';

function statementName(id: string): string {
  const question = questionById(id);
  return question ? statementText(question) : id;
}

function signed(n: number | null): string {
  if (n === null) return '';
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export function TrendTable({ rows, k }: { readonly rows: readonly TrendRow[]; readonly k: number }) {
  return (
    // A labelled, focusable region is the WAI pattern for a scrollable area keyboard users must reach.
    // biome-ignore lint/a11y/useSemanticElements: a <section> would take the page's section frame
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolling by keyboard needs focus (axe: scrollable-region-focusable)
    <div class="table-scroll" tabIndex={0} role="region" aria-label={t('trends_tableRegion')}>
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
          {rows.map((r) => (
            <tr key={`${r.weekId}:${r.questionId ?? r.theme}`} class={r.questionId ? 'question' : 'theme'}>
              <th scope="row">{r.weekId}</th>
              <td>{r.questionId ? statementName(r.questionId) : themeLabel(r.theme)}</td>
              {r.cell.suppressed ? (
                <td colSpan={6} class="hidden-cell">
                  {t('trends_hidden', k)}
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
    </div>
  );
}
