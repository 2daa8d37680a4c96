/** The engineer's own recent weeks at a glance: their average per theme. Own data only. */
import { summarizeWeek } from '../core/history';
import { THEME_LABELS, THEMES } from '../core/questions';
import type { PulseRecord } from '../core/schemas';
import { EmptyState } from './Status';

export interface HistoryTableProps {
  readonly pulses: readonly PulseRecord[];
  readonly caption: string;
  readonly limit?: number;
}

export function HistoryTable({ pulses, caption, limit }: HistoryTableProps) {
  if (pulses.length === 0) return <EmptyState>No weeks answered yet. Your history will show here.</EmptyState>;
  const rows = pulses.slice(0, limit).map(summarizeWeek);
  return (
    <table class="history">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Week</th>
          {THEMES.map((t) => (
            <th scope="col" key={t}>
              {THEME_LABELS[t]}
            </th>
          ))}
          <th scope="col">Answered</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.weekId}>
            <th scope="row">{row.weekId}</th>
            {THEMES.map((t) => {
              const mean = row.themeMeans[t];
              return (
                <td class="num" key={t}>
                  {mean === null ? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span class="visually-hidden">no answer</span>
                    </>
                  ) : (
                    mean.toFixed(1)
                  )}
                </td>
              );
            })}
            <td class="num">
              {row.answered} of {row.asked}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
