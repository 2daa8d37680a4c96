/**
 * Everything the built popup loads, gzipped: its page, the scripts and stylesheets it loads before
 * the first statement (the HTML's and their static imports: now one script and one stylesheet), and
 * those it loads later, on demand (dynamic imports and what Vite preloads with them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
  /** 'first': loaded before the first statement; 'later': on demand, after it. */
  readonly when: 'first' | 'later';
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;
/**
 * Vite's list of the files each dynamic import preloads, as paths from the root of dist/. The
 * popup's own build has none (see noPreloadHelper in vite.config.ts); baselines built before may.
 */
const PRELOAD_LIST = /m\.f\|\|\(m\.f=\[([^\]]*)\]\)/g;

function resolveFrom(file: string, specifier: string): string {
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  return new URL(specifier, `file:///${dir}`).pathname.slice(1);
}

export function popupFiles(dist: string, page = 'src/popup/index.html'): SizedFile[] {
  const when = new Map<string, 'first' | 'later'>();
  const html = readFileSync(join(dist, page), 'utf8');
  const visit = (start: string[], kind: 'first' | 'later') => {
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.shift() ?? '';
      if (when.has(file)) continue;
      when.set(file, kind);
      if (!file.endsWith('.js')) continue;
      const code = readFileSync(join(dist, file), 'utf8');
      for (const m of code.matchAll(STATIC_IMPORT)) if (m[1]) queue.push(resolveFrom(file, m[1]));
    }
  };
  visit(
    [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].flatMap((m) => (m[1] ? [m[1]] : [])),
    'first',
  );
  // Then what the first files import on demand, and everything those import in turn.
  for (let grew = true; grew; ) {
    const before = when.size;
    for (const file of [...when.keys()].filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(dist, file), 'utf8');
      const later = [...code.matchAll(DYNAMIC_IMPORT)].flatMap((m) => (m[1] ? [resolveFrom(file, m[1])] : []));
      for (const list of code.matchAll(PRELOAD_LIST)) {
        for (const p of (list[1] ?? '').matchAll(/["'`]([^"'`]+)["'`]/g)) if (p[1]) later.push(p[1]);
      }
      visit(later, 'later');
    }
    grew = when.size > before;
  }
  const sized = (file: string, kind: 'first' | 'later'): SizedFile => {
    const content = readFileSync(join(dist, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length, when: kind };
  };
  return [sized(page, 'first'), ...[...when].map(([file, kind]) => sized(file, kind))];
}
