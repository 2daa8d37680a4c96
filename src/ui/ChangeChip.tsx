/**
 * A change in points as a chip: an arrow, the signed number and the week it is compared with
 * ("▲ +5 pts vs W46"). Colour follows the direction but never carries it alone: the arrow's
 * shape, the sign and, for screen readers, a word say it too.
 */
import type { WeekId } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import './figures.css';
import { weekShort } from './week-label';

/** "+5", "−3" (a minus sign, not a hyphen), "±0". */
export function signedPoints(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatNumber(Math.abs(n))}`;
}

export function ChangeChip({ change, since }: { readonly change: number | null; readonly since: WeekId | null }) {
  if (change === null || since === null) return <span class="chip first">{t('trends_changeFirst')}</span>;
  const way = change > 0 ? 'up' : change < 0 ? 'down' : 'same';
  const arrow = way === 'up' ? '▲' : way === 'down' ? '▼' : '▶';
  const word = t(way === 'up' ? 'trends_changeUp' : way === 'down' ? 'trends_changeDown' : 'trends_changeSame');
  return (
    <span class={`chip ${way}`}>
      <span aria-hidden="true">{arrow}</span>
      <span class="visually-hidden">{word}</span>
      {t('trends_changeVs', signedPoints(change), weekShort(since))}
    </span>
  );
}
