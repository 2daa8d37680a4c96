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
import type { Worker } from 'playwright-core';
import type { WeekId } from '../../src/core/week';
import { launchChromium } from '../../src/dev/chromium';
import { blindSign, newWeekKey } from '../../src/server/week-keys';

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

interface Step {
  ms: number;
  blinded?: number[];
}

/** One token in the worker: blind (timed), sign here, finalize (timed). */
async function oneToken(worker: Worker, spki: number[], sign: (blinded: Uint8Array) => Uint8Array) {
  const blind = await worker.evaluate<Step, [number[], string, string]>(
    async ([key, teamId, weekId]) => {
      const client = Reflect.get(globalThis, 'pulseTokenClient');
      const started = performance.now();
      const pending = await client.requestToken(Uint8Array.from(key), teamId, weekId);
      const ms = performance.now() - started;
      Reflect.set(globalThis, 'pulseBenchPending', pending);
      return { ms, blinded: Array.from(pending.blindedRequest as Uint8Array) };
    },
    [spki, TEAM, WEEK],
  );
  const signature = Array.from(sign(Uint8Array.from(blind.blinded ?? [])));
  const finalize = await worker.evaluate<Step, [number[], number[]]>(
    async ([key, blindSignature]) => {
      const client = Reflect.get(globalThis, 'pulseTokenClient');
      const started = performance.now();
      await client.finishToken(
        Uint8Array.from(key),
        Reflect.get(globalThis, 'pulseBenchPending'),
        Uint8Array.from(blindSignature),
      );
      return { ms: performance.now() - started };
    },
    [spki, signature],
  );
  return { blind: blind.ms, finalize: finalize.ms };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function tokenClientBench(dist: string): Promise<void> {
  const key = await newWeekKey(WEEK);
  const spki = Array.from(Buffer.from(key.publicKey, 'base64url'));
  const script = await clientScript();
  const profile = mkdtempSync(join(tmpdir(), 'pulse-bench-token-'));
  const context = await launchChromium({ extension: dist, profile, headless: true });
  try {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    await worker.evaluate(script);
    const times: { blind: number; finalize: number }[] = [];
    for (let i = 0; i < TOKENS; i++) times.push(await oneToken(worker, spki, (blinded) => blindSign(key, blinded)));
    const [first, ...rest] = times;
    const both = (t: { blind: number; finalize: number }) => t.blind + t.finalize;
    console.log(`\n## A vote token in the extension's service worker (Chromium), ${TOKENS} one after another\n`);
    console.log('  blind: the token input, hashed and blinded for an RSA-2048 week key (RFC 9474);');
    console.log("  finalize: the endpoint's blind signature unblinded and checked against the key.");
    // A week needs one token a team: the first, in a worker that has not run this code, is the usual case.
    if (first) {
      console.log(
        `  first token   blind ${ms(first.blind)}   finalize ${ms(first.finalize)}   both ${ms(both(first))}`,
      );
    }
    console.log(
      `  then, median  blind ${ms(median(rest.map((t) => t.blind)))}   finalize ${ms(median(rest.map((t) => t.finalize)))}   both ${ms(median(rest.map(both)))}`,
    );
    console.log(`  slowest of all ${TOKENS}: both ${ms(Math.max(...times.map(both)))} (budget: under 100 ms)`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
