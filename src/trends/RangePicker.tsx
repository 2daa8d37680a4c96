/**
 * How many weeks the charts and trend lines show: the last 8 by default (what a manager reads
 * week to week), the long view one click away. Native radios in a fieldset: arrow keys move
 * between them, and the choice is announced as one of four.
 */
import { type MessageKey, t } from '../platform/i18n';

export const RANGES = [8, 26, 52, 0] as const;
export type Range = (typeof RANGES)[number];
export const DEFAULT_RANGE: Range = 8;

const LABELS: Record<Range, MessageKey> = {
  8: 'trends_range8',
  26: 'trends_range26',
  52: 'trends_range52',
  0: 'trends_rangeAll',
};

export function RangePicker({ value, onChange }: { readonly value: Range; readonly onChange: (range: Range) => void }) {
  return (
    <fieldset class="range-picker">
      <legend>{t('trends_range')}</legend>
      {RANGES.map((range) => (
        <label key={range}>
          <input
            type="radio"
            name="range"
            value={String(range)}
            checked={value === range}
            onChange={() => onChange(range)}
          />
          <span>{t(LABELS[range])}</span>
        </label>
      ))}
    </fieldset>
  );
}
