/**
 * Which weeks of a chart get an axis label. Each label sits exactly under its week's point (a
 * week index, not a date the axis rounds to); when not every week's label fits, every 2nd, 4th,
 * 13th… week is labelled, counted back from the latest so the week a manager reads is labelled.
 */
const STEPS = [1, 2, 4, 8, 13, 26, 52];

/** Indices (oldest first) of the weeks to label, out of `count`, when at most `fits` labels fit. */
export function weekTicks(count: number, fits: number): number[] {
  if (count <= 0) return [];
  const room = Math.max(1, Math.floor(fits));
  const step = STEPS.find((s) => Math.ceil(count / s) <= room) ?? Math.ceil(count / room);
  const ticks: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) ticks.push(i);
  return ticks.reverse();
}
