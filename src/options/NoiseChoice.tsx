/**
 * Local noise: off, or one of three strengths, each explained in plain words with what it does to
 * the team's figures (computed in core/noise, not hard-coded).
 */
import { keepProbability, NOISE_LEVELS, type NoiseEpsilon, uncertaintyPoints } from '../core/noise';

const NAMES: Record<NoiseEpsilon, string> = { 4: 'Light', 3: 'Medium', 2: 'Strong' };

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
      <legend>Add noise to my scores before they leave this browser</legend>
      <label>
        <input type="radio" name="noise" checked={value === null} onChange={() => onChange(null)} /> Off (scores are
        sent as given)
      </label>
      {NOISE_LEVELS.map((epsilon) => (
        <label key={epsilon}>
          <input type="radio" name="noise" checked={value === epsilon} onChange={() => onChange(epsilon)} />{' '}
          {NAMES[epsilon]} (ε = {epsilon}): each score is your real one {pct(keepProbability(epsilon))}% of the time
        </label>
      ))}
      <p id="noise-explained" class="small">
        {value === null ? (
          <>
            Without noise, your scores are already mixed with your team’s and shown only for groups of at least k
            people. Noise adds deniability on top: with it, no single score you send proves what you answered.
          </>
        ) : (
          <>
            ε (epsilon) measures how much one sent score can give away: the smaller, the more private. With ε = {value},
            each score is sent as you gave it {pct(keepProbability(value))}% of the time; otherwise it is one of the
            other four scores at random. Each statement you answer uses ε, so a week of four statements uses {4 * value}
            . The cost is accuracy: if everyone in a team of 8 used this setting, the team’s % favourable would be
            uncertain by about ±{Math.round(uncertaintyPoints(value, 8))} points (±
            {Math.round(uncertaintyPoints(value, 24))} for a team of 24). The endpoint cannot tell noisy scores from
            real ones, so it does not correct for them: they pull your team’s figures towards the middle.
          </>
        )}
      </p>
    </fieldset>
  );
}
