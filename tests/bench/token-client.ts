/**
 * The extension's half of a vote token, timed where it runs: in the built extension's service
 * worker in Chromium. The worker's own bundle keeps the token client private, so the same module
 * (src/platform/vote-token-client.ts) is bundled here and evaluated in that worker, and each step
 * is timed there with performance.now(). The blind signature between the two steps is the
 * endpoint's own (week-keys.ts), made in this process. Printed, never pass/fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import * as z from 'zod';
import type { WeekId } from '../../src/core/week';
import { launchChromium } from '../../src/dev/chromium';
import { blindSign, newWeekKey } from '../../src/server/week-keys';
import { launchFirefox } from '../e2e/firefox';

/** Tokens made, one after another; the first (the worker's first use of the code) is printed apart. */
const TOKENS = 20;
const TEAM = 'bench';
const WEEK = '2026-W49' as WeekId;

/** The token client as one script that leaves its exports on the worker's global object. */
async function clientScript(): Promise<string> {
  const bundled = await build({
    entryPoints: [resolve(import.meta.dirname, '../../src/platform/vote-token-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'pulseTokenClient',
    platform: 'browser',
    target: 'es2022',
  });
  const code = bundled.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild made no bundle of the token client.');
  return `${code}\nglobalThis.pulseTokenClient = pulseTokenClient; 0`;
}

/** What each timed step sends back across the debugger: parsed, not trusted. */
const blindStep = z.object({ ms: z.number(), blinded: z.array(z.number().int().min(0).max(255)) });
const finalizeStep = z.object({ ms: z.number() });

/**
 * A script run where the extension runs, as a string through the debugger (Playwright's worker and
 * puppeteer's page both take one, and the extension's CSP forbids eval there).
 */
type Run = (script: string) => Promise<unknown>;

/** One token where `run` runs: blind (timed), sign here, finalize (timed). */
async function oneToken(run: Run, spki: number[], sign: (blinded: Uint8Array) => Uint8Array) {
  const blind = blindStep.parse(
    await run(`(async () => {
      const started = performance.now();
      const pending = await pulseTokenClient.requestToken(Uint8Array.from(${JSON.stringify(spki)}), ${JSON.stringify(TEAM)}, ${JSON.stringify(WEEK)});
      const ms = performance.now() - started;
      globalThis.pulseBenchPending = pending;
      return { ms, blinded: Array.from(pending.blindedRequest) };
    })()`),
  );
  const signature = Array.from(sign(Uint8Array.from(blind.blinded)));
  const finalize = finalizeStep.parse(
    await run(`(async () => {
      const started = performance.now();
      await pulseTokenClient.finishToken(Uint8Array.from(${JSON.stringify(spki)}), globalThis.pulseBenchPending, Uint8Array.from(${JSON.stringify(signature)}));
      return { ms: performance.now() - started };
    })()`),
  );
  return { blind: blind.ms, finalize: finalize.ms };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

type Times = { blind: number; finalize: number }[];

function report(where: string, times: Times): void {
  const [first, ...rest] = times;
  const both = (t: { blind: number; finalize: number }) => t.blind + t.finalize;
  console.log(`  ${where}`);
  // A week needs one token a team: the first, where this code has not run yet, is the usual case.
  if (first) {
    console.log(
      `    first token   blind ${ms(first.blind)}   finalize ${ms(first.finalize)}   both ${ms(both(first))}`,
    );
  }
  console.log(
    `    then, median  blind ${ms(median(rest.map((t) => t.blind)))}   finalize ${ms(median(rest.map((t) => t.finalize)))}   both ${ms(median(rest.map(both)))}`,
  );
  console.log(`    slowest of all ${times.length}: both ${ms(Math.max(...times.map(both)))} (budget: under 100 ms)`);
}

async function tokens(run: Run, script: string, spki: number[], sign: (b: Uint8Array) => Uint8Array) {
  await run(script);
  const times: Times = [];
  for (let i = 0; i < TOKENS; i++) times.push(await oneToken(run, spki, sign));
  return times;
}

export async function tokenClientBench(dist: string): Promise<void> {
  const key = await newWeekKey(WEEK);
  const spki = Array.from(Buffer.from(key.publicKey, 'base64url'));
  const sign = (blinded: Uint8Array) => blindSign(key, blinded);
  const script = await clientScript();
  console.log(`\n## A vote token where the extension makes it, ${TOKENS} one after another\n`);
  console.log('  blind: the token input, hashed and blinded for an RSA-2048 week key (RFC 9474);');
  console.log("  finalize: the endpoint's blind signature unblinded and checked against the key.");

  const profile = mkdtempSync(join(tmpdir(), 'pulse-bench-token-'));
  const context = await launchChromium({ extension: dist, profile, headless: true });
  try {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    report(
      "Chromium, in the extension's service worker",
      await tokens((code) => worker.evaluate(code), script, spki, sign),
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  // Firefox's background is an event page; a page of the extension runs the same engine, freshly.
  const firefox = await launchFirefox();
  try {
    const page = await firefox.open('src/trends/index.html');
    report('Firefox ESR, in a page of the extension', await tokens((code) => page.evaluate(code), script, spki, sign));
  } finally {
    await firefox.close();
  }
}
