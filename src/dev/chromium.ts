/**
 * Launching Chromium with the built extension, shared by `npm start`, the browser tests and the
 * benchmarks. The networking flags matter here: without them Chromium keeps calling hosts that
 * this network refuses.
 */
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** The unpacked extension to load. */
  readonly extension: string;
  /** The profile folder; reusing one keeps IndexedDB, storage and alarms across launches. */
  readonly profile: string;
  readonly headless: boolean;
  /** The browser's UI language (and so the extension's), e.g. 'de'; the system's when absent. */
  readonly language?: string;
}

export function chromiumFlags(extension: string, headless: boolean): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    // Root (as in CI and containers) cannot use Chromium's sandbox.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export function launchChromium({ extension, profile, headless, language }: LaunchOptions): Promise<BrowserContext> {
  // On Linux Chromium takes its UI language from the environment; --lang sets the web's as well.
  const languageArgs = language ? [`--lang=${language}`] : [];
  const languageEnv = language ? { LANGUAGE: language, LC_ALL: '', LANG: `${language}.UTF-8` } : {};
  return chromium.launchPersistentContext(profile, {
    ...(language ? { env: { ...process.env, ...languageEnv }, locale: language } : {}),
    executablePath: CHROMIUM_PATH,
    headless,
    acceptDownloads: true,
    viewport: headless ? { width: 1000, height: 800 } : null,
    args: [...chromiumFlags(extension, headless), ...languageArgs],
  });
}

/** The extension's id, from its service worker (waiting for it to start if need be). */
export async function extensionId(context: BrowserContext): Promise<string> {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return new URL(worker.url()).host;
}
