/**
 * A copy of dist/ with a static reference page (five buttons, the first focused, then a mark), so
 * every page bench opens its floor the same way, in the same browser, in the same run.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function distWithReference(dist: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-dist-'));
  cpSync(dist, dir, { recursive: true });
  writeFileSync(
    join(dir, 'reference.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reference</title></head><body>
<main>${[1, 2, 3, 4, 5].map((n) => `<button type="button">${n}</button>`).join('')}</main>
<script type="module" src="/reference.js"></script></body></html>`,
  );
  writeFileSync(
    join(dir, 'reference.js'),
    "document.querySelector('button').focus();performance.mark('pulse-ready');\n",
  );
  return dir;
}
