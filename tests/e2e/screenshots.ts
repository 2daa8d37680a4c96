/**
 * Screenshots for a reviewer to open: written by the browser tests into .cache/screenshots/
 * (git-ignored), named by page, browser, language and zoom. 200% zoom is the same window at half
 * the CSS width with twice the pixels per CSS pixel, which is what a browser's zoom does to layout.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../.cache/screenshots');

/** The file a screenshot goes to, its folder made. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** The window the browser tests open (src/dev/chromium.ts), and the same at 200% zoom. */
export const WINDOW = { width: 1000, height: 800 } as const;
export const ZOOMED = { width: WINDOW.width / 2, height: WINDOW.height / 2, scale: 2 } as const;
