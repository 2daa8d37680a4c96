/** Everything the built popup loads, gzipped: its page, scripts (static and dynamic imports) and CSS. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

export function popupFiles(dist: string, page = 'src/popup/index.html'): SizedFile[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  const html = readFileSync(join(dist, page), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) if (m[1]) queue.push(m[1]);
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      if (m[1]) queue.push(new URL(m[1], `file:///${dir}`).pathname.slice(1));
    }
  }
  return [page, ...seen].map((file) => {
    const content = readFileSync(join(dist, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}
