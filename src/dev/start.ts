/**
 * `npm start`: build the extension and open Chromium with it loaded, on a profile kept under
 * .cache/ so answers survive between runs. Where no display exists, say so and explain how to load
 * dist/ by hand. Uses Chromium (CHROMIUM_PATH): branded Google Chrome 137+ ignores --load-extension.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH, extensionId, launchChromium } from './chromium';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');

function byHand(): string {
  return [
    'Load the built extension by hand:',
    `  Chrome or Chromium: open chrome://extensions, turn on Developer mode, click "Load unpacked" and choose ${dist}`,
    `  Firefox: open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and choose ${join(dist, 'manifest.json')}`,
  ].join('\n');
}

console.log('Building the extension…');
const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('The build failed; see the messages above.');
  process.exit(build.status ?? 1);
}
console.log(`Built into ${dist}\n`);

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log('No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open here.');
  console.log(byHand());
  process.exit(0);
}
if (!existsSync(CHROMIUM_PATH)) {
  console.log(`Chromium was not found at ${CHROMIUM_PATH}.`);
  console.log('Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.');
  console.log(byHand());
  process.exit(0);
}

const profile = join(root, '.cache/chromium-profile');
mkdirSync(profile, { recursive: true });
const context = await launchChromium({ extension: dist, profile, headless: false });
const id = await extensionId(context);
const tab = context.pages()[0] ?? (await context.newPage());
await tab.goto(`chrome-extension://${id}/src/popup/index.html`);
console.log('Chromium is open with Culture Pulse loaded; its first tab shows this week’s pulse.');
console.log('Click the puzzle-piece icon to pin Culture Pulse to the toolbar. Close the browser to stop.');
await new Promise<void>((done) => context.on('close', () => done()));
