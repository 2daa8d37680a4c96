/**
 * What the popup loads before its first statement, from its import graph (esbuild's metafile of
 * src/popup/main.tsx, split at dynamic imports): none of the heavy modules `npm run bench`
 * measured, which load later, on demand, or never. The build splits the popup the same way: its
 * own script, and its dynamic imports as later files (onePageBundle in vite.config.ts; the files
 * it really requests are checked in tests/e2e/popup-first-load.test.ts).
 */
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Kept out of the first load, and why. */
const HEAVY: [RegExp, string][] = [
  [
    /node_modules\/zod\//,
    'zod: checks at trust boundaries (import, messages, the network), not for the popup’s own records',
  ],
  [/^src\/core\/schemas\.ts$/, 'the zod schemas'],
  [/^src\/platform\/messages\.ts$/, 'the message schemas: the popup tells the background only once the pulse is done'],
  [/^src\/platform\/team-notes\.ts$/, 'the team’s notes: shown on the thank-you'],
  [/^src\/popup\/ThankYou\.tsx$/, 'the thank-you screen'],
  [/^src\/ui\/HistoryTable\.tsx$/, 'the history: shown on the thank-you'],
];

/** The inputs of the entry's output and of every output it imports statically, and of the rest. */
function split(metafile: Metafile, entry: string): { first: Set<string>; later: Set<string> } {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === entry);
  if (!start) throw new Error(`No output for ${entry}`);
  const reached = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const out = queue.shift() ?? '';
    if (reached.has(out)) continue;
    reached.add(out);
    for (const i of outputs[out]?.imports ?? []) if (i.kind === 'import-statement') queue.push(i.path);
  }
  const first = new Set<string>();
  const later = new Set<string>();
  for (const [out, output] of Object.entries(outputs)) {
    for (const input of Object.keys(output.inputs)) (reached.has(out) ? first : later).add(input);
  }
  for (const input of first) later.delete(input);
  return { first, later };
}

describe('the popup’s first load', () => {
  let graph: { first: Set<string>; later: Set<string> };
  beforeAll(async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['src/popup/main.tsx'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      outdir: 'popup-graph', // Not written: only the metafile is read.
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    graph = split(result.metafile, 'src/popup/main.tsx');
  });

  it('draws the first statement with what it needs: Preact, the session, IndexedDB', () => {
    for (const needed of [/node_modules\/preact\//, /^src\/popup\/session\.ts$/, /node_modules\/idb\//]) {
      expect(
        [...graph.first].some((input) => needed.test(input)),
        String(needed),
      ).toBe(true);
    }
  });

  it.each(HEAVY)('leaves %s for later (%s)', (heavy) => {
    expect([...graph.first].filter((input) => heavy.test(input))).toEqual([]);
  });

  it('still reaches the heavy modules it needs later, through dynamic imports', () => {
    for (const [heavy] of HEAVY) {
      expect(
        [...graph.later].some((input) => heavy.test(input)),
        String(heavy),
      ).toBe(true);
    }
  });
});
