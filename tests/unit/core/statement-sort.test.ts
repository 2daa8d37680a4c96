import { describe, expect, it } from 'vitest';
import { DEFAULT_STATEMENT_SORT, nextSort, sortStatements } from '../../../src/core/statement-sort';

const rows = [
  { text: 'Bravo', latest: 60, change: -5, lastAsked: '2026-W45' as const },
  { text: 'alpha', latest: 30, change: null, lastAsked: '2026-W47' as const },
  { text: 'Delta', latest: null, change: null, lastAsked: '2026-W46' as const },
  { text: 'Charlie', latest: 60, change: 10, lastAsked: '2026-W44' as const },
];
const texts = (r: readonly { text: string }[]) => r.map((x) => x.text);

describe('sorting the statements table', () => {
  it('puts the lowest % favourable first by default, hidden figures last', () => {
    const { key, direction } = DEFAULT_STATEMENT_SORT;
    expect(texts(sortStatements(rows, key, direction))).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta']);
  });

  it('keeps missing figures last in either direction, ties in text order', () => {
    expect(texts(sortStatements(rows, 'latest', 'descending'))).toEqual(['Bravo', 'Charlie', 'alpha', 'Delta']);
    expect(texts(sortStatements(rows, 'change', 'ascending'))).toEqual(['Bravo', 'Charlie', 'alpha', 'Delta']);
    expect(texts(sortStatements(rows, 'change', 'descending'))).toEqual(['Charlie', 'Bravo', 'alpha', 'Delta']);
  });

  it('sorts by text without regard to case, and by the week last asked', () => {
    expect(texts(sortStatements(rows, 'statement', 'ascending'))).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(texts(sortStatements(rows, 'statement', 'descending'))).toEqual(['Delta', 'Charlie', 'Bravo', 'alpha']);
    expect(texts(sortStatements(rows, 'lastAsked', 'descending'))).toEqual(['alpha', 'Delta', 'Bravo', 'Charlie']);
  });

  it('leaves the rows it was given as they were', () => {
    const before = texts(rows);
    sortStatements(rows, 'latest', 'ascending');
    expect(texts(rows)).toEqual(before);
  });

  it('turns a sorted column round on a second click, and starts a new one in its natural direction', () => {
    expect(nextSort({ key: 'latest', direction: 'ascending' }, 'latest')).toEqual({
      key: 'latest',
      direction: 'descending',
    });
    expect(nextSort({ key: 'latest', direction: 'ascending' }, 'lastAsked')).toEqual({
      key: 'lastAsked',
      direction: 'descending',
    });
    expect(nextSort({ key: 'lastAsked', direction: 'descending' }, 'statement')).toEqual({
      key: 'statement',
      direction: 'ascending',
    });
  });
});
