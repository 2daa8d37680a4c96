/**
 * uPlot, imported dynamically so that evaluating it (about 35 ms, most of it a cold
 * Intl.NumberFormat) waits until the page's first task has asked for the saved code and started
 * rendering: it then overlaps the wait for storage and the endpoint. The page is built as one file
 * (vite.config.ts), so this costs no extra request. The page shows figures only once it is loaded.
 */
import type uPlotClass from 'uplot';

let loaded: typeof uPlotClass | undefined;

export const uPlotLoading: Promise<typeof uPlotClass> = import('uplot').then((m) => {
  loaded = m.default;
  return m.default;
});

/** The uPlot class; only called once `uPlotLoading` has resolved (the page waits for it). */
export function uPlot(): typeof uPlotClass {
  if (!loaded) throw new Error('The chart library has not loaded yet.');
  return loaded;
}
