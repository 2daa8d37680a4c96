/**
 * axe-core run inside a page of the built extension, in Chromium (playwright-core) or Firefox
 * (puppeteer-core): its serious and critical violations as lines, or with `every: true` all of
 * them, minor ones included.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Run as a string, so it is the same in both drivers and no bundler helper leaks into it. */
const run = (tags: readonly string[]) => `window.axe
  .run({ runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } })
  .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`;

/**
 * Violations on the page as it is now: serious and critical ones, or with `every` every one, minor
 * ones and WCAG 2.2's (target size) included.
 */
export async function axe(page: PlaywrightPage | PuppeteerPage, { every = false } = {}): Promise<string[]> {
  const evaluate = page.evaluate.bind(page) as unknown as (script: string) => Promise<unknown>;
  // Evaluation over the debugging protocol (or BiDi) is not subject to the page's CSP.
  await evaluate(axeSource);
  const violations = (await evaluate(run(every ? [...TAGS, 'wcag22aa'] : TAGS))) as Violation[];
  return violations
    .filter((v) => every || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
