/**
 * A wide or long table that scrolls on its own, at any zoom, without the page scrolling sideways.
 * A labelled, focusable region is the WAI pattern for a scrollable area keyboard users must reach.
 */
import type { ComponentChildren } from 'preact';

export function ScrollRegion({
  label,
  class: className,
  children,
}: {
  readonly label: string;
  readonly class?: string;
  readonly children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> would take the page's section frame
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolling by keyboard needs focus (axe: scrollable-region-focusable)
    <div class={className ? `table-scroll ${className}` : 'table-scroll'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
