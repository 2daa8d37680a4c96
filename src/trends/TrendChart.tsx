/**
 * One line chart of weekly figures, drawn by uPlot (never hand-written axis math). A suppressed
 * week is a gap (null), and every point is marked, so a week shown between two hidden ones is
 * still visible. The chart is an image to assistive technology, with a summary; the table below
 * the charts carries the same figures for screen readers and for copying. Drawn once on screen
 * (on-screen.ts); until then its box keeps the chart's place, so nothing moves when it is drawn.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type uPlotClass from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../platform/i18n';
import { drawOnScreen } from './on-screen';
import { uPlot } from './uplot';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly dash?: number[];
}

export interface TrendChartProps {
  readonly title: string;
  /** Week starts, in seconds since the epoch, oldest first. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly range: [number, number];
  /** A value as the axis and the legend write it ("40%", "3,5"); keep its identity across renders. */
  readonly format: (value: number) => string;
  readonly summary: string;
}

export function TrendChart({ title, x, series, range, format, summary }: TrendChartProps) {
  const box = useRef<HTMLDivElement>(null);

  // A layout effect: drawn before the frame that shows the figures, not one frame after it.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlotClass | undefined;
    const cancel = drawOnScreen(el, (laidOut) => {
      const width = Math.max(320, Math.min(Math.floor(laidOut.width) || 720, 960));
      const UPlot = uPlot();
      plot = new UPlot(
        {
          width,
          height: 220,
          scales: { x: { time: true }, y: { range } },
          axes: [{}, { values: (_u, ticks) => ticks.map(format) }],
          cursor: { drag: { x: false, y: false } },
          series: [
            { label: t('trends_weekOf') },
            ...series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 2,
              dash: s.dash,
              points: { show: true, size: 6, stroke: s.color, fill: s.color },
              // Nothing until a week is pointed at; then its value, or why there is none.
              value: (_u: uPlotClass, v: number | null, _s: number, idx: number | null) =>
                idx == null ? '' : v == null ? t('trends_pointHidden') : format(v),
            })),
          ],
        },
        [x as number[], ...series.map((s) => s.values as (number | null)[])],
        el,
      );
    });
    return () => {
      cancel();
      plot?.destroy();
    };
  }, [x, series, range, format]);

  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} class="chart-box" role="img" aria-label={`${title}. ${summary}`} />
    </figure>
  );
}
