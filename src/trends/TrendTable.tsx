/**
 * The same figures as the charts, as a table with the manager CSV's columns: for screen readers,
 * for copying, and as what "Export CSV" writes. Hidden cells say "fewer than k responses".
 */
import { questionById, THEME_LABELS } from '../core/questions';
import type { TrendRow } from '../core/trends';

function signed(n: number | null): string {
  if (n === null) return '';
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export function TrendTable({ rows, k }: { readonly rows: readonly TrendRow[]; readonly k: number }) {
  return (
    // A labelled, focusable region is the WAI pattern for a scrollable area keyboard users must reach.
    // biome-ignore lint/a11y/useSemanticElements: a <section> would take the page's section frame
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolling by keyboard needs focus (axe: scrollable-region-focusable)
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Figures, scrollable">
      <table class="trend-table">
        <caption>
          Every theme and question per released week. % favourable is the share of Agree and Strongly agree; change is
          in points since the last week it was shown.
        </caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Theme or statement</th>
            <th scope="col">Responses</th>
            <th scope="col">Mean (1–5)</th>
            <th scope="col">% favourable</th>
            <th scope="col">% neutral</th>
            <th scope="col">% unfavourable</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.weekId}:${r.questionId ?? r.theme}`} class={r.questionId ? 'question' : 'theme'}>
              <th scope="row">{r.weekId}</th>
              <td>{r.questionId ? (questionById(r.questionId)?.text ?? r.questionId) : THEME_LABELS[r.theme]}</td>
              {r.cell.suppressed ? (
                <td colSpan={6} class="hidden-cell">
                  fewer than {k} responses
                </td>
              ) : (
                <>
                  <td class="num">{r.cell.responses}</td>
                  <td class="num">{r.cell.mean.toFixed(2)}</td>
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
