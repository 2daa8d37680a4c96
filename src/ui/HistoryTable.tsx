/** The engineer's own recent weeks at a glance: their average per theme. Own data only. */
import { summarizeWeek } from '../core/history';
import { THEMES } from '../core/questions';
import type { PulseRecord } from '../core/schemas';
import { weekStart } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import { themeLabel } from './labels';
import { EmptyState } from './Status';
import { weekDayOf } from './week-label';

export interface HistoryTableProps {
  readonly pulses: readonly PulseRecord[];
  readonly caption: string;
  readonly limit?: number;
  /**
   * For the popup's narrow width: weeks named by their Monday ("30 Nov"), and less room between
   * columns. Long headings break at the soft hyphens their translations hold ("Weiter­entwicklung").
   */
  readonly compact?: boolean;
}

export function HistoryTable({ pulses, caption, limit, compact }: HistoryTableProps) {
  if (pulses.length === 0) return <EmptyState>{t('history_empty')}</EmptyState>;
  const rows = pulses.slice(0, limit).map(summarizeWeek);
  // The newest week's year is left unsaid; older years are written out.
  const newestYear = rows[0] ? weekStart(rows[0].weekId).getFullYear() : 0;
  return (
    <table class={compact ? 'history compact' : 'history'}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history_week')}</th>
          {THEMES.map((theme) => (
            <th scope="col" key={theme}>
              {themeLabel(theme)}
            </th>
          ))}
          <th scope="col">{t('history_answered')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.weekId}>
            <th scope="row">{compact ? weekDayOf(row.weekId, newestYear) : row.weekId}</th>
            {THEMES.map((theme) => {
              const mean = row.themeMeans[theme];
              return (
                <td class="num" key={theme}>
                  {mean === null ? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span class="visually-hidden">{t('history_noAnswer')}</span>
                    </>
                  ) : (
                    formatNumber(mean, 1)
                  )}
                </td>
              );
            })}
            <td class="num">{t('history_answeredOf', row.answered, row.asked)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
