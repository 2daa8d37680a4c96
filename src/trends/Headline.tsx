/**
 * The line that says what the figures below describe: which week, how many responded, and when
 * the next figures come ("Week of 16 Nov (W47) · 9 responses · next figures about 7 Dec").
 */
import type { WeekId } from '../core/week';
import { t, tCount } from '../platform/i18n';
import { dayMonth, weekOf } from '../ui/week-label';

export function Headline({
  week,
  responses,
  k,
  nextRelease,
}: {
  readonly week: WeekId;
  /** Null when the week is hidden whole (fewer than k responded). */
  readonly responses: number | null;
  readonly k: number;
  readonly nextRelease: Date | undefined;
}) {
  const parts = [
    weekOf(week),
    responses === null ? t('trends_hidden', k) : tCount('trends_responses', responses),
    ...(nextRelease ? [t('trends_nextFigures', dayMonth(nextRelease))] : []),
  ];
  return (
    <p id="headline" class="headline">
      {parts.join(' · ')}
    </p>
  );
}
