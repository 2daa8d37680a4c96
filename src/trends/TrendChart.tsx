/**
 * One theme's % favourable, week by week, drawn by uPlot: a dot per week, a thicker trend line
 * through them, one axis label per week (or every few weeks in the long view) under its own dot.
 * Around the canvas, as elements of the page rather than pixels: a hatched band on each week hidden
 * below k (told apart from a week that did not ask the theme, which is simply empty), a marker on
 * each week with a note, and the tooltip ("Week of 2 Nov (W45)", never a clock time). The chart
 * takes focus; left and right arrows move the tooltip from week to week and say it to screen
 * readers. The figures table carries every figure too. Drawn once on screen (on-screen.ts).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type uPlotClass from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { weekTicks } from '../core/week-ticks';
import { cssColor } from '../ui/css-color';
import { drawOnScreen } from './on-screen';
import { uPlot } from './uplot';

export interface TrendChartProps {
  /** One label per week, oldest first, as the axis writes it ("16 Nov"). Keep its identity across renders. */
  readonly labels: readonly string[];
  /** % favourable per week; null where nothing is shown. Keep its identity across renders. */
  readonly values: readonly (number | null)[];
  /** The trend line per week. Keep its identity across renders. */
  readonly trend: readonly (number | null)[];
  /** Weeks hidden below k (a hatched band), by index. */
  readonly hidden: readonly number[];
  /** Weeks with a note (a marker), by index. */
  readonly marks: readonly number[];
  readonly color: string;
  /** The chart's name and summary for screen readers. */
  readonly label: string;
  /** The tooltip's lines for a week; the first is its title. */
  readonly tip: (index: number) => readonly string[];
  /** A value on the y axis ("50%"). Keep its identity across renders. */
  readonly format: (value: number) => string;
}

const HEIGHT = 150;
const Y_AXIS = 54;
/** uPlot's axis font, and the room left between two labels, in CSS pixels. */
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_GAP_PX = 16;

let measure: CanvasRenderingContext2D | null | undefined;

/** The widest label as the axis will draw it ("28. Sept." is wider than "2. Nov."). */
function widest(labels: readonly string[]): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return labels.reduce((w, l) => Math.max(w, l.length * 7), 0);
  measure.font = AXIS_FONT;
  let max = 0;
  for (const label of new Set(labels)) max = Math.max(max, measure.measureText(label).width);
  return max;
}

/** Where uPlot put its plot area, and each week's x in it (CSS pixels, from the chart's corner). */
interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly xs: readonly number[];
}

function px(value: string): number {
  return Number.parseFloat(value) || 0;
}

export function TrendChart({ labels, values, trend, hidden, marks, color, label, tip, format }: TrendChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlotClass | undefined>(undefined);
  const [frame, setFrame] = useState<Frame | undefined>(undefined);
  const [active, setActive] = useState<number | null>(null);
  const [keyed, setKeyed] = useState(false);

  // A layout effect: drawn before the frame that shows the figures, not one frame after it.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlotClass | undefined;
    const cancel = drawOnScreen(el, (laidOut) => {
      const width = Math.max(240, Math.min(Math.floor(laidOut.width) || 600, 960));
      const n = labels.length;
      const ticks = weekTicks(n, (width - Y_AXIS) / (widest(labels) + LABEL_GAP_PX));
      const UPlot = uPlot();
      // Colours from the page's scheme (light or dark), read once per drawing.
      const line = cssColor(el, color);
      const axis = cssColor(el, 'var(--chart-axis)');
      const grid = { show: false };
      const gridLines = { stroke: cssColor(el, 'var(--chart-grid)'), width: 1 };
      const ticksStyle = { stroke: cssColor(el, 'var(--chart-grid)'), width: 1 };
      const weekly = line.length === 7 ? `${line}99` : line; // the joining line recedes; the dots do not
      plot = new UPlot(
        {
          width,
          height: HEIGHT,
          legend: { show: false },
          scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: [0, 100] } },
          axes: [
            {
              font: AXIS_FONT,
              splits: () => ticks,
              values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
              stroke: axis,
              grid,
              ticks: ticksStyle,
            },
            {
              font: AXIS_FONT,
              size: Y_AXIS,
              splits: () => [0, 25, 50, 75, 100],
              values: (_u, splits) => splits.map(format),
              stroke: axis,
              grid: gridLines,
              ticks: ticksStyle,
            },
          ],
          cursor: { drag: { x: false, y: false }, y: false, points: { size: 10 } },
          series: [
            {},
            { stroke: weekly, width: 1, points: { show: true, size: 7, stroke: line, fill: line } },
            { stroke: line, width: 3, points: { show: false } },
          ],
          hooks: {
            setCursor: [(u) => setActive(u.cursor.idx ?? null)],
            // Once laid out (uPlot sizes its plot area in a microtask): where it put the plot area,
            // from its overlay's style, so no layout is forced.
            ready: [
              (u) => {
                const over = u.over.style;
                setFrame({
                  left: px(over.left),
                  top: px(over.top),
                  width: px(over.width),
                  height: px(over.height),
                  xs: labels.map((_, i) => u.valToPos(i, 'x')),
                });
              },
            ],
          },
        },
        [labels.map((_, i) => i), values as (number | null)[], trend as (number | null)[]],
        el,
      );
      plotRef.current = plot;
    });
    return () => {
      cancel();
      plot?.destroy();
      plotRef.current = undefined;
    };
  }, [labels, values, trend, color, format]);

  const n = labels.length;
  const point = (i: number) => {
    const plot = plotRef.current;
    if (!plot || !frame) return;
    setKeyed(true);
    plot.setCursor({ left: frame.xs[i] ?? 0, top: plot.valToPos(values[i] ?? trend[i] ?? 50, 'y') });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const from = active ?? n - 1;
    const to =
      e.key === 'ArrowLeft'
        ? Math.max(0, from - 1)
        : e.key === 'ArrowRight'
          ? Math.min(n - 1, from + 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    point(to);
  };
  const step = frame && n > 0 ? frame.width / n : 0;
  const at = (i: number) => (frame?.left ?? 0) + (frame?.xs[i] ?? 0);
  const lines = active === null ? [] : tip(active);
  const flip = frame !== undefined && active !== null && (frame.xs[active] ?? 0) > frame.width * 0.55;

  return (
    <div class="chart-frame">
      {frame && (
        <div class="chart-layer" aria-hidden="true">
          {hidden.map((i) => (
            <span
              key={i}
              class="hidden-week"
              style={{
                left: `${at(i) - step / 2}px`,
                top: `${frame.top}px`,
                width: `${step}px`,
                height: `${frame.height}px`,
              }}
            />
          ))}
        </div>
      )}
      <div
        ref={box}
        class="chart-box"
        role="img"
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: arrow keys read the chart week by week, so it takes focus
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => active === null && point(n - 1)}
        onBlur={() => {
          plotRef.current?.setCursor({ left: -10, top: -10 });
          setActive(null);
          setKeyed(false);
        }}
      />
      {frame && (
        <div class="chart-layer marks" aria-hidden="true">
          {marks.map((i) => (
            <span
              key={i}
              class="note-marker"
              data-index={i}
              style={{ left: `${at(i)}px`, top: `${frame.top}px`, height: `${frame.height}px` }}
            />
          ))}
          {active !== null && lines.length > 0 && (
            <div
              class={flip ? 'chart-tip flip' : 'chart-tip'}
              style={{ left: `${at(active) + (flip ? -12 : 12)}px`, top: `${frame.top + 4}px` }}
            >
              <strong>{lines[0]}</strong>
              {lines.slice(1).map((line) => (
                <span key={line}>{line}</span>
              ))}
            </div>
          )}
        </div>
      )}
      <span class="visually-hidden" aria-live="polite">
        {keyed ? lines.join('. ') : ''}
      </span>
    </div>
  );
}
