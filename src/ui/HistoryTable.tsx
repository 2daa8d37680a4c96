/** The engineer's own recent weeks at a glance: their average per theme. Own data only. */
import { summarizeWeek } from '../core/history';
import { THEMES } from '../core/questions';
import type { PulseRecord } from '../core/schemas';
import { formatNumber, t } from '../platform/i18n';
import { themeLabel } from './labels';
import { EmptyState } from './Status';

export interface HistoryTableProps {
  readonly pulses: readonly PulseRecord[];
  readonly caption: string;
  readonly limit?: number;
}

export function HistoryTable({ pulses, caption, limit }: HistoryTableProps) {
  if (pulses.length === 0) return <EmptyState>{t('history_empty')}</EmptyState>;
  const rows = pulses.slice(0, limit).map(summarizeWeek);
  return (
    <table class="history">
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
            <th scope="row">{row.weekId}</th>
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
