/** The manager CSV read back by real parsers: papaparse, and Python's csv module in a child process. */
import { spawnSync } from 'node:child_process';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { CSV_BOM } from '../../src/core/csv';

export function readWithPapaparse(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(CSV_BOM.length), { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const PYTHON = `
import csv, io, json, sys
text = sys.stdin.buffer.read().decode('utf-8-sig')
print(json.dumps(list(csv.reader(io.StringIO(text, newline='')))))
`;

export function readWithPython(text: string): string[][] {
  const run = spawnSync('python3', ['-c', PYTHON], { input: text, encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `Python's csv module could not read the file (${run.error?.message ?? run.stderr}). ` +
        'Install Python 3 (Debian: apt-get install -y python3); .ci/run does.',
    );
  }
  return JSON.parse(run.stdout) as string[][];
}
