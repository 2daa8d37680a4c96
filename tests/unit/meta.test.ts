/**
 * The suite's own rules, checked rather than remembered: every test file is one the runner
 * collects, nothing is skipped or focused, and every module of src/core, src/storage,
 * src/platform and src/background has a test file mirroring its path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('the test suite', () => {
  const tests = files('tests').filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f));

  it('collects every test file (unit, server or e2e, named *.test.ts)', () => {
    for (const f of tests) expect(f, f).toMatch(/^tests\/(unit|server|e2e)\/.+\.test\.ts$/);
  });

  it('skips nothing and focuses nothing', () => {
    for (const f of tests.filter((t) => !t.endsWith('meta.test.ts'))) {
      expect(readFileSync(join(root, f), 'utf8'), f).not.toMatch(
        /\b(it|test|describe)\.(skip|only|todo)\b|\.skipIf\(|\bxit\(/,
      );
    }
  });

  it('has a unit test for every logic module', () => {
    const modules = ['src/core', 'src/storage', 'src/platform', 'src/background']
      .flatMap(files)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    const exempt = new Set([
      'src/platform/browser.ts', // the polyfill import only
      'src/storage/schema.ts', // types and a name
      'src/storage/migrations.ts', // run by tests/unit/storage/db.test.ts from every version
    ]);
    for (const m of modules.filter((m) => !exempt.has(m))) {
      const test = m.replace(/^src\//, 'tests/unit/').replace(/\.ts$/, '.test.ts');
      expect(tests, `${m} needs ${test}`).toContain(test);
    }
  });

  it('has a server test for every server module', () => {
    const exempt = new Set([
      'src/server/store.ts', // the interface; tests/server/store-contract.ts runs it on every store
      'src/server/stored-submission.ts', // row parsing, run by every store's tests
      'src/server/main.ts', // the entry: tested as a process by tests/server/cli.test.ts
    ]);
    for (const m of files('src/server').filter((f) => f.endsWith('.ts') && !exempt.has(f))) {
      const test = m.replace(/^src\/server\//, 'tests/server/').replace(/\.ts$/, '.test.ts');
      expect(tests, `${m} needs ${test}`).toContain(test);
    }
  });
});
