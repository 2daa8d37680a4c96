import { type CrxPlugin, crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
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

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifest as ManifestV3Export }), firefoxManifest(), locales()],
  build: {
    target: 'es2022',
    // Pages the manifest does not name (crx builds those it does).
    rollupOptions: { input: { trends: 'src/trends/index.html' } },
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
