/**
 * Local noise: off, or one of three strengths, each explained in plain words with what it does to
 * the team's figures (computed in core/noise, not hard-coded).
 */
import { keepProbability, NOISE_LEVELS, type NoiseEpsilon, ROUNDS_A_YEAR, shownFavourable } from '../core/noise';
import { type MessageKey, t } from '../platform/i18n';

const NAMES: Record<NoiseEpsilon, MessageKey> = {
  4: 'options_noiseLight',
  3: 'options_noiseMedium',
  2: 'options_noiseStrong',
};

function pct(x: number): number {
  return Math.round(100 * x);
}

export function NoiseChoice({
  value,
  disabled,
  onChange,
}: {
  readonly value: NoiseEpsilon | null;
  readonly disabled?: boolean;
  readonly onChange: (value: NoiseEpsilon | null) => void;
}) {
  return (
    <fieldset class="noise" disabled={disabled} aria-describedby="noise-explained">
      <legend>{t('options_noiseLegend')}</legend>
      <label>
        <input type="radio" name="noise" checked={value === null} onChange={() => onChange(null)} />{' '}
        {t('options_noiseOff')}
      </label>
      {NOISE_LEVELS.map((epsilon) => (
        <label key={epsilon}>
          <input type="radio" name="noise" checked={value === epsilon} onChange={() => onChange(epsilon)} />{' '}
          {t('options_noiseLevel', t(NAMES[epsilon]), epsilon, pct(keepProbability(epsilon)))}
        </label>
      ))}
      <p id="noise-explained" class="small">
        {value === null
          ? t('options_noiseWithout')
          : [
              t('options_noiseEpsilon', value, pct(keepProbability(value))),
              t('options_noiseBudget', 4 * value, ROUNDS_A_YEAR * value),
              t(
                'options_noiseCost',
                8,
                62,
                Math.round(shownFavourable(value, 8, 0.62).pct),
                Math.round(shownFavourable(value, 8, 0.62).spreadPoints),
              ),
            ].join(' ')}
      </p>
    </fieldset>
  );
}
