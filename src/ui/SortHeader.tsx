/**
 * A sortable table's column header: the column's name is a button (so Tab reaches it and Enter or
 * Space sorts), and the header says how the table is sorted with aria-sort, on the sorted column
 * only, as the APG sortable-table pattern does. The arrow beside it is decoration.
 */
import type { ComponentChildren } from 'preact';
import './figures.css';

export type SortState = 'ascending' | 'descending' | undefined;

/** Shapes, not words: the same in every language, and hidden from screen readers (aria-sort says it). */
const MARKS = { ascending: '▲', descending: '▼', none: '⇅' } as const;

export function SortHeader({
  sort,
  onSort,
  children,
  class: className,
}: {
  readonly sort: SortState;
  readonly onSort: () => void;
  readonly children: ComponentChildren;
  readonly class?: string;
}) {
  return (
    <th scope="col" aria-sort={sort} class={className ? `sortable ${className}` : 'sortable'}>
      <button type="button" class="sort" onClick={onSort}>
        {children}
        <span class="sort-mark" aria-hidden="true">
          {MARKS[sort ?? 'none']}
        </span>
      </button>
    </th>
  );
}
