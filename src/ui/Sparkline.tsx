/**
 * A small trend line of percentages for a table cell: a point for each time a figure was shown,
 * joined in order, and a hollow mark at the foot for a time it was hidden. Hand-drawn SVG, not
 * the chart library: a dozen of them cost nothing to draw. Its label lists the values, so a
 * screen reader hears what the line shows.
 */
import './figures.css';

export interface SparkPoint {
  /** Position among the weeks shown, 0 = oldest. */
  readonly index: number;
  /** % favourable, or null when hidden that week. */
  readonly value: number | null;
}

const WIDTH = 96;
const HEIGHT = 26;
const PAD = 3;

export function Sparkline({
  points,
  weeks,
  label,
  color = 'currentColor',
}: {
  readonly points: readonly SparkPoint[];
  /** How many weeks the line spans. */
  readonly weeks: number;
  readonly label: string;
  readonly color?: string;
}) {
  const x = (i: number) => PAD + (weeks <= 1 ? (WIDTH - 2 * PAD) / 2 : (i / (weeks - 1)) * (WIDTH - 2 * PAD));
  const y = (v: number) => PAD + (1 - v / 100) * (HEIGHT - 2 * PAD);
  const shown = points.filter((p): p is { index: number; value: number } => p.value !== null);
  const last = shown.at(-1);
  return (
    <svg
      class="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <line x1={PAD} x2={WIDTH - PAD} y1={y(50)} y2={y(50)} class="spark-mid" stroke-dasharray="2 2" />
      {shown.length > 1 && (
        <polyline
          points={shown.map((p) => `${x(p.index)},${y(p.value)}`).join(' ')}
          fill="none"
          style={{ stroke: color }}
          stroke-width="1.5"
        />
      )}
      {shown.map((p) => (
        <circle key={p.index} cx={x(p.index)} cy={y(p.value)} r={p === last ? 3 : 2} style={{ fill: color }} />
      ))}
      {points
        .filter((p) => p.value === null)
        .map((p) => (
          <circle key={p.index} cx={x(p.index)} cy={HEIGHT - PAD} r={2} fill="none" class="spark-gap" />
        ))}
    </svg>
  );
}
