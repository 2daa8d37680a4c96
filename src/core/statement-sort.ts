/**
 * The statements table's order. Lowest % favourable first by default: the statement that needs
 * attention is read first. A statement with no figure (hidden below k the last time it was
 * asked) goes last whichever way a column is sorted, so it never poses as the lowest or highest.
 */
import type { WeekId } from './week';

export type StatementSortKey = 'statement' | 'latest' | 'change' | 'lastAsked';
export type SortDirection = 'ascending' | 'descending';

export interface SortableStatement {
  readonly text: string;
  readonly latest: number | null;
  readonly change: number | null;
  readonly lastAsked: WeekId;
}

export const DEFAULT_STATEMENT_SORT: { key: StatementSortKey; direction: SortDirection } = {
  key: 'latest',
  direction: 'ascending',
};

let collator: Intl.Collator | undefined;

function byText(a: SortableStatement, b: SortableStatement): number {
  // Made on first use: a collator costs milliseconds, and only sorting by text needs one.
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base' });
  return collator.compare(a.text, b.text);
}

function value(row: SortableStatement, key: Exclude<StatementSortKey, 'statement'>): number | string | null {
  return key === 'lastAsked' ? row.lastAsked : row[key];
}

/** A sorted copy; ties (and missing figures among themselves) in the statements' text order. */
export function sortStatements<T extends SortableStatement>(
  rows: readonly T[],
  key: StatementSortKey,
  direction: SortDirection,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'statement') return sign * byText(a, b);
    const x = value(a, key);
    const y = value(b, key);
    if (x === null || y === null) return x === y ? byText(a, b) : x === null ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order === 0 ? byText(a, b) : sign * order;
  });
}

/** What a click on a column's header does: the other direction on the sorted column, else its natural one. */
export function nextSort(
  current: { key: StatementSortKey; direction: SortDirection },
  key: StatementSortKey,
): { key: StatementSortKey; direction: SortDirection } {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  // Newest asked first reads naturally; every other column starts low (lowest % favourable first).
  return { key, direction: key === 'lastAsked' ? 'descending' : 'ascending' };
}
