import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type CrxPlugin, crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };
import { localeProblems, messagesJson, readLocales } from './src/dev/locales.ts';

export const GECKO_ID = 'culture-pulse@culture-pulse.dev';

/**
 * One dist/ for Chrome and Firefox: crx writes a Chrome manifest; Firefox also needs the
 * background as `scripts` (it runs the same module as an event page) and a gecko id. Chrome
 * ignores both. `enforce: 'post'` runs this after crx's own rewrite of `background`.
 */
function firefoxManifest(): CrxPlugin {
  return {
    name: 'culture-pulse:firefox-manifest',
    enforce: 'post',
    renderCrxManifest(m) {
      const worker = m.background && 'service_worker' in m.background ? m.background.service_worker : undefined;
      if (!worker) throw new Error('The built manifest has no background service worker.');
      return {
        ...m,
        background: { service_worker: worker, scripts: [worker], type: 'module' },
        browser_specific_settings: {
          gecko: {
            id: GECKO_ID,
            strict_min_version: '142.0',
            // Nothing is collected unless the engineer joins a team; then the week's scores are sent,
            // with Firefox's own consent asked for on the join click (src/platform/sync-permission.ts).
            data_collection_permissions: { required: ['none'], optional: ['technicalAndInteraction'] },
          },
        },
      } as typeof m;
    },
  };
}

/** The popup back in the built manifest: onePageBundle builds it, not crx (see `pagesCrxBuilds`). */
function popupInManifest(): CrxPlugin {
  return {
    name: 'culture-pulse:popup-in-manifest',
    enforce: 'post',
    renderCrxManifest(m) {
      return { ...m, action: { ...m.action, default_popup: manifest.action.default_popup } };
    },
  };
}

/**
 * _locales/<language>/messages.json from src/locales/<language>/*.json. The build fails on a key
 * a language lacks or a substitution a translation drops: browsers would only show the raw key.
 */
function locales(): Plugin {
  let sources: ReturnType<typeof readLocales> = [];
  return {
    name: 'culture-pulse:locales',
    buildStart() {
      sources = readLocales();
      for (const locale of sources)
        for (const file of new Set(locale.files.values())) this.addWatchFile(`src/locales/${file}`);
      const problems = localeProblems(sources);
      if (problems.length > 0) this.error(`Translations disagree:\n  ${problems.join('\n  ')}`);
    },
    generateBundle() {
      for (const locale of sources) {
        this.emitFile({
          type: 'asset',
          fileName: `_locales/${locale.language}/messages.json`,
          source: messagesJson(locale),
        });
      }
    },
  };
}

/**
 * Vite's helper around each dynamic import, as a plain call. The helper preloads the imported
 * chunk's stylesheets and scripts, but a one-page build has none to preload (one stylesheet,
 * loaded by the page; `modulePreload: false`), and the helper cost the popup's first load 0.66 KB gz.
 */
function noPreloadHelper(): Plugin {
  const id = /^\0vite\/preload-helper\.js$/;
  return {
    name: 'culture-pulse:no-preload-helper',
    enforce: 'pre',
    resolveId: { filter: { id }, handler: (source) => source },
    load: { filter: { id }, handler: () => 'export const __vitePreload = (load) => load();' },
  };
}

/**
 * A page as one script and one stylesheet, built on its own once the main build is written.
 * Shared chunks cost an extension page a request each, and Chromium serves an extension's files
 * one after another from its busy browser process: in `npm run bench` the trends page's eight
 * scripts and two stylesheets kept its first script waiting about 35 ms longer than one file does.
 * The page's code is then also in the other pages' chunks: more in the package, nothing more for
 * anyone to load. `later: true` keeps the page's dynamic imports as files of their own, loaded on
 * demand (the popup's thank-you); otherwise they go into the one script.
 */
function onePageBundle(name: string, html: string, { later = false, nativeBrowser = false } = {}): Plugin {
  let config: ResolvedConfig | undefined;
  // The files the page's build read, for `npm run dev`: the main build does not import the page, so
  // it would not rebuild when one of them changes. The page's own folder until the first build.
  const folder = dirname(resolve(import.meta.dirname, html));
  let read: string[] = readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((f) => join(folder, f));
  return {
    name: `culture-pulse:one-page-bundle:${name}`,
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      for (const file of read) this.addWatchFile(file);
    },
    async writeBundle() {
      const built = await build({
        configFile: false,
        root: import.meta.dirname,
        mode: config?.mode,
        logLevel: 'warn',
        plugins: [preact(), noPreloadHelper()],
        // The browser's own API in place of the polyfill: see src/platform/native-browser.ts.
        ...(nativeBrowser
          ? {
              resolve: {
                alias: { 'webextension-polyfill': resolve(import.meta.dirname, 'src/platform/native-browser.ts') },
              },
            }
          : {}),
        build: {
          target: 'es2022',
          outDir: config?.build.outDir ?? 'dist',
          emptyOutDir: false,
          sourcemap: config?.build.sourcemap ?? false,
          minify: config?.build.minify ?? true,
          cssCodeSplit: false,
          modulePreload: false,
          rollupOptions: {
            input: { [name]: html },
            // Without `later`, a dynamic import (the trends page's uPlot) stays in the one file, run
            // once the page's first task is done.
            output: {
              codeSplitting: later,
              entryFileNames: `assets/${name}-[hash].js`,
              chunkFileNames: `assets/${name}-[name]-[hash].js`,
              assetFileNames: `assets/${name}-[hash][extname]`,
            },
          },
        },
      });
      const outputs = Array.isArray(built) ? built : 'output' in built ? [built] : [];
      read = outputs
        .flatMap((o) => o.output.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : [])))
        .filter((id) => isAbsolute(id) && existsSync(id));
    },
  };
}

/**
 * The manifest crx builds from: without the popup, which onePageBundle builds (crx builds every
 * page the manifest names, into shared chunks). popupInManifest puts the popup back.
 */
const { default_popup: _builtApart, ...action } = manifest.action;
const pagesCrxBuilds = { ...manifest, action } as ManifestV3Export;

export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest: pagesCrxBuilds }),
    firefoxManifest(),
    popupInManifest(),
    locales(),
    // The manifest does not name the trends page; crx is not given the popup (see pagesCrxBuilds).
    onePageBundle('trends', 'src/trends/index.html'),
    // Nor the welcome page: the background opens it on install (background/welcome.ts).
    onePageBundle('welcome', 'src/welcome/index.html'),
    // The thank-you, history, team notes and message schemas stay later, on-demand files.
    onePageBundle('popup', manifest.action.default_popup, { later: true, nativeBrowser: true }),
  ],
  build: {
    target: 'es2022',
    emptyOutDir: true,
    // Never ship source maps of a privacy tool's code paths to users by accident; keep them local.
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/server/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file starts its own browser; two at once is what 2 cores bear well.
          maxWorkers: 2,
        },
      },
    ],
  },
});
