/**
 * `npm run package` (the zipping half, on the dist/ already built): a Chrome zip and a Firefox zip
 * holding exactly dist/ with the manifest at the root, and the committed source tree AMO asks for.
 * Read back with Python's zipfile, a reader independent of the one that wrote them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPrerequisites, DIST } from './chromium';

const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'pulse-packages-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function entries(zip: string): string[] {
  const run = spawnSync(
    'python3',
    ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`Could not read ${zip}: ${run.stderr}`);
  return run.stdout.split('\n').filter((n) => n && !n.endsWith('/'));
}

describe('npm run package', () => {
  it('writes store zips of dist/ and the source archive', () => {
    assertPrerequisites();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev/package.ts', '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const built = readdirSync(DIST, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(DIST, join(e.parentPath, e.name)))
      .sort();
    const names = readdirSync(out).sort();
    expect(names).toEqual(
      ['chrome', 'firefox', 'source'].map((k) =>
        expect.stringMatching(new RegExp(`^culture-pulse-\\d+\\.\\d+\\.\\d+-${k}\\.zip$`)),
      ),
    );
    for (const kind of ['chrome', 'firefox']) {
      const zip = names.find((n) => n.includes(kind)) ?? '';
      expect(entries(join(out, zip)).sort()).toEqual(built);
    }
    const source = entries(join(out, names.find((n) => n.includes('source')) ?? ''));
    expect(source).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'README.md', 'manifest.json', 'vite.config.ts']),
    );
    expect(source.some((f) => f.startsWith('src/'))).toBe(true);
    expect(source.some((f) => f.startsWith('node_modules/') || f.startsWith('dist/'))).toBe(false);
  });
});
