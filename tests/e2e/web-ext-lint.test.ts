/**
 * Mozilla's addons-linter (web-ext lint) on the built dist/, as addons.mozilla.org runs it: no
 * errors, no notices, and only the warnings listed here, each with the reason it is accepted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPrerequisites, DIST } from './chromium';

interface Message {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
}

/** Accepted warnings: what, where, and why. */
const ALLOWED: readonly { code: string; file: RegExp; why: string; check?: (file: string) => boolean }[] = [
  {
    code: 'BACKGROUND_SERVICE_WORKER_IGNORED',
    file: /^manifest\.json$/,
    why: 'One dist/ for both browsers: Chrome needs background.service_worker, Firefox reads background.scripts and ignores it.',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/[\w.-]+\.js$/,
    why:
      'Preact’s renderer assigns innerHTML only for dangerouslySetInnerHTML, which this code never uses ' +
      '(the test below checks src/ for it and for every other way to write HTML).',
    check: (file) => readFileSync(join(DIST, file), 'utf8').includes('dangerouslySetInnerHTML'),
  },
];

const root = resolve(import.meta.dirname, '../..');

function lint(): { errors: Message[]; warnings: Message[]; notices: Message[] } {
  const run = spawnSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', DIST, '--output', 'json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (!run.stdout.trim().startsWith('{')) throw new Error(`web-ext lint did not run: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(tsx?|html)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('web-ext lint on dist/', () => {
  it('finds no errors and no notices, and only the warnings accepted above', () => {
    assertPrerequisites();
    const result = lint();
    expect(result.errors).toEqual([]);
    expect(result.notices).toEqual([]);
    for (const w of result.warnings) {
      const allowed = ALLOWED.find(
        (a) => a.code === w.code && a.file.test(w.file ?? '') && (a.check?.(w.file ?? '') ?? true),
      );
      expect(allowed, `not accepted: ${w.code} in ${w.file}: ${w.message}`).toBeDefined();
    }
  });

  it('has no code of ours that writes HTML, so the innerHTML warning stays about Preact alone', () => {
    const offenders = files(join(root, 'src')).filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML|insertAdjacentHTML|document\.write\(/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
