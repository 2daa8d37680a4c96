/**
 * The trend line drawn through a theme's weekly figures: each week's value is the mean of the
 * shown values within `radius` weeks either side. Hidden weeks are left out, never counted as
 * zero; before the first and after the last shown week there is no trend, so nothing is invented
 * at the ends. A team of eight moves a percentage by 12 points with one person: the mean of a
 * week and its neighbours is what a manager can read a direction from.
 */
export function smoothed(values: readonly (number | null)[], radius: number): (number | null)[] {
  const first = values.findIndex((v) => v !== null);
  const last = values.findLastIndex((v) => v !== null);
  return values.map((_, i) => {
    if (first < 0 || i < first || i > last) return null;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - radius); j <= Math.min(values.length - 1, i + radius); j++) {
      const v = values[j];
      if (v === null || v === undefined) continue;
      sum += v;
      n++;
    }
    return n === 0 ? null : Math.round((sum / n) * 10) / 10;
  });
}
