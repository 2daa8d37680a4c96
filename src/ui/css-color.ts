/**
 * A colour a canvas can use, from one the page's styles may name: "var(--chart-impact)" becomes
 * that custom property's value on `element` (so a chart follows the light or dark scheme); any other
 * colour is returned as it is. An unknown property gives `fallback`.
 */
export function cssColor(element: Element, color: string, fallback = '#000000'): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!name) return color;
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}
