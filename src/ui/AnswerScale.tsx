/**
 * One statement and its answer: native radios in a fieldset, so arrows move between points, every
 * point has a name ("Agree"), and nothing is checked until the engineer chooses.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type Answer, SCALE_VALUES } from '../core/scale';
import { t } from '../platform/i18n';
import { scaleLabel } from './labels';

export interface AnswerScaleProps {
  readonly name: string;
  readonly statement: string;
  readonly value: Answer | undefined;
  readonly onChange: (answer: Answer) => void;
  /**
   * Move focus to the scale when it appears: to the checked point, else to the group itself, so no
   * point wears a focus ring that reads as chosen before anything is.
   */
  readonly autoFocus?: boolean;
  readonly describedBy?: string;
}

export function AnswerScale({ name, statement, value, onChange, autoFocus, describedBy }: AnswerScaleProps) {
  const fieldset = useRef<HTMLFieldSetElement>(null);
  // Layout effects: focus is in place before the first paint, so keys work the moment it shows.
  useLayoutEffect(() => {
    if (!autoFocus) return;
    const target = fieldset.current?.querySelector<HTMLInputElement>('input:checked') ?? fieldset.current;
    target?.focus();
  }, [autoFocus, name]);
  // From the group, an arrow key steps onto the first (or last) point without choosing it; from
  // there the browser's own arrows move and choose, as in any radio group.
  const onKeyDown = (event: KeyboardEvent) => {
    const group = fieldset.current;
    if (!group || event.target !== group) return;
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const backward = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (!forward && !backward) return;
    event.preventDefault();
    const points = group.querySelectorAll<HTMLInputElement>('.scale-option input');
    points[forward ? 0 : points.length - 1]?.focus();
  };
  // An answer chosen by digit moves focus to it, so arrow keys carry on from the chosen point.
  useLayoutEffect(() => {
    const root = fieldset.current;
    if (root?.contains(document.activeElement)) root.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [value]);

  return (
    <fieldset class="scale" ref={fieldset} tabIndex={-1} aria-describedby={describedBy} onKeyDown={onKeyDown}>
      <legend>{statement}</legend>
      <div class="scale-options">
        {SCALE_VALUES.map((point) => (
          <label class="scale-option" key={point}>
            <input
              type="radio"
              name={name}
              value={String(point)}
              checked={value === point}
              onChange={() => onChange(point)}
            />
            <span class="scale-digit" aria-hidden="true">
              {point}
            </span>
            <span>{scaleLabel(point)}</span>
          </label>
        ))}
      </div>
      <label class="scale-skip">
        <input type="radio" name={name} value="skip" checked={value === 'skip'} onChange={() => onChange('skip')} />
        <span>{t('scale_skip')}</span>
      </label>
    </fieldset>
  );
}
