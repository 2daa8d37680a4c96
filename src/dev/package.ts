/**
 * `npm run package`: store-ready files from the built dist/ (npm run package builds it first).
 *   packages/culture-pulse-<version>-chrome.zip    for the Chrome Web Store
 *   packages/culture-pulse-<version>-firefox.zip   for addons.mozilla.org (the same dist/)
 *   packages/culture-pulse-<version>-source.zip    the source AMO asks for: the committed tree
 * It refuses to package when web-ext lint finds an error. `--out <dir>` writes elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const outAt = process.argv.indexOf('--out');
const out = resolve(outAt === -1 ? join(root, 'packages') : (process.argv[outAt + 1] ?? 'packages'));
const webExt = join(root, 'node_modules/.bin/web-ext');

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('No built extension in dist/. Run: npm run package (it builds first), or npm run build.');
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { version: string };
const lint = JSON.parse(run(webExt, ['lint', '--source-dir', dist, '--output', 'json'])) as {
  errors: { code: string; message: string }[];
};
if (lint.errors.length > 0) {
  console.error(`web-ext lint found ${lint.errors.length} error(s); nothing was packaged:`);
  for (const e of lint.errors) console.error(`  ${e.code}: ${e.message}`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const name = (kind: string) => `culture-pulse-${version}-${kind}.zip`;
for (const kind of ['chrome', 'firefox']) {
  rmSync(join(out, name(kind)), { force: true });
  run(webExt, ['build', '--source-dir', dist, '--artifacts-dir', out, '--filename', name(kind), '--overwrite-dest']);
}
// The committed tree, as the reviewer will rebuild it (README: npm ci && npm run build).
run('git', ['archive', '--format=zip', `--output=${join(out, name('source'))}`, 'HEAD']);
for (const kind of ['chrome', 'firefox', 'source']) console.log(`  ${join(out, name(kind))}`);
