import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from '../../../src/core/csv';

describe('csvCell', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@me')).toBe("'@me");
    expect(csvCell('\tx')).toBe("'\tx");
    // Blanks before the formula do not hide it: spreadsheets skip them.
    for (const blank of [' ', '   ', '\u00a0', '\u2003', '\u3000', '\ufeff', ' \u00a0 ']) {
      expect(csvCell(`${blank}=1+1`)).toBe(`'${blank}=1+1`);
      expect(csvCell(`${blank}@SUM(A1)`)).toBe(`'${blank}@SUM(A1)`);
    }
    expect(csvCell('\n=1+1')).toBe('"\'\n=1+1"');
    expect(csvCell(' plain text')).toBe(' plain text');
    expect(csvCell('a = b')).toBe('a = b');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(3.5)).toBe('3.5');
  });

  it('writes empty cells for missing values and non-finite numbers', () => {
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map(csvCell)).toEqual(['', '', '', '']);
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF after every line, and reads back cell by cell with papaparse', () => {
    const rows = [
      ['Équipe, "Ünïcode"', 'line\nbreak', 4.25, '=1+1'],
      ['', '-minus', 0, '@at'],
    ];
    const text = toCsv(['team', 'note', 'mean', 'formula'], rows);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['team', 'note', 'mean', 'formula'],
      ['Équipe, "Ünïcode"', 'line\nbreak', '4.25', "'=1+1"],
      ['', "'-minus", '0', "'@at"],
    ]);
  });
});
