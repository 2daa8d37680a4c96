/**
 * `npm start`: the whole loop at once. It builds the extension, runs the endpoint on SQLite with a
 * demo team (a year of varied weeks, made on first run and kept under .cache/), and opens Chromium
 * with the extension loaded: the pulse in the first tab, the options page with the demo invite
 * ready to join, and the trends page with the demo manager code. Answers and the browser profile
 * survive between runs. Where no display exists it says so, prints how to load dist/ by hand, and
 * keeps the endpoint running. Uses Chromium (CHROMIUM_PATH): branded Chrome 137+ ignores
 * --load-extension.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { parseInvite, parseManagerCode } from '../core/invite';
import { runAdminCommand } from '../server/cli';
import { configFromEnv } from '../server/config';
import { type RunningEndpoint, serveEndpoint } from '../server/serve';
import { openSqliteStore } from '../server/sqlite-store';
import { CHROMIUM_PATH, extensionId, launchChromium } from './chromium';

// The endpoint keeps ISO weeks in UTC, as `npm run server` does.
process.env.TZ = 'UTC';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
/** Where npm start keeps the browser profile and the demo endpoint's database. */
const cache = resolve(process.env.PULSE_CACHE_DIR ?? join(root, '.cache'));
const DEMO_TEAM = 'demo';

function byHand(): string {
  return [
    'Load the built extension by hand:',
    `  Chrome or Chromium: open chrome://extensions, turn on Developer mode, click "Load unpacked" and choose ${dist}`,
    `  Firefox: open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and choose ${join(dist, 'manifest.json')}`,
  ].join('\n');
}

const codesSchema = z.strictObject({ invite: z.string(), managerCode: z.string() });
type DemoCodes = z.infer<typeof codesSchema>;

/**
 * The demo endpoint on a fixed port (invites name it), with the demo team made on first run. Its
 * codes are kept beside the database: the CLI shows tokens only once, and this is a local demo.
 */
async function startDemoEndpoint(): Promise<{ endpoint: RunningEndpoint; codes: DemoCodes } | undefined> {
  const config = { ...configFromEnv(process.env), host: '127.0.0.1' };
  const dir = join(cache, 'demo-endpoint');
  mkdirSync(dir, { recursive: true });
  const store = openSqliteStore(join(dir, 'pulse.db'));
  let endpoint: RunningEndpoint;
  try {
    endpoint = await serveEndpoint(store, config);
  } catch (error) {
    await store.close();
    console.log(`The demo endpoint could not listen on port ${config.port} (${String(error)}).`);
    console.log('Set PORT to a free port to run it; the extension works without it.');
    return undefined;
  }
  const codesFile = join(dir, 'codes.json');
  let codes = existsSync(codesFile) ? codesSchema.safeParse(JSON.parse(readFileSync(codesFile, 'utf8'))) : undefined;
  if (!codes?.success && !(await store.getTeam(DEMO_TEAM))) {
    const lines: string[] = [];
    await runAdminCommand(['seed-demo', DEMO_TEAM], { store, publicUrl: endpoint.url, out: (l) => lines.push(l) });
    const text = lines.join('\n');
    const invite = /cpulse1\.[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '';
    const managerCode = /cpulsem1\.[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '';
    writeFileSync(codesFile, JSON.stringify({ invite, managerCode }, null, 2));
    codes = codesSchema.safeParse({ invite, managerCode });
    console.log(lines[0]);
  }
  const running: RunningEndpoint = {
    url: endpoint.url,
    close: async () => {
      await endpoint.close();
      await store.close();
    },
  };
  if (!codes?.success || !parseInvite(codes.data.invite).ok || !parseManagerCode(codes.data.managerCode).ok) {
    console.log(`The demo team's codes are missing from ${codesFile}; delete ${dir} to make the demo again.`);
    return { endpoint: running, codes: { invite: '', managerCode: '' } };
  }
  return { endpoint: running, codes: codes.data };
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

const demo = await startDemoEndpoint();
if (demo) {
  console.log(`Demo endpoint listening on ${demo.endpoint.url} (SQLite in ${join(cache, 'demo-endpoint')}).`);
  console.log(`  Engineers' invite (Settings → Share with my team): ${demo.codes.invite}`);
  console.log(`  Manager code (the trends page): ${demo.codes.managerCode}\n`);
}

const stopEndpoint = async () => {
  await demo?.endpoint.close();
};

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const canOpen = hasDisplay && existsSync(CHROMIUM_PATH);
if (!hasDisplay) {
  console.log('No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open here.');
} else if (!canOpen) {
  console.log(`Chromium was not found at ${CHROMIUM_PATH}.`);
  console.log('Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.');
}
if (!canOpen) {
  console.log(byHand());
  if (!demo) process.exit(0);
  console.log('\nThe demo endpoint keeps running; press Ctrl+C to stop it.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stopEndpoint();
  process.exit(0);
}

const profile = join(cache, 'chromium-profile');
mkdirSync(profile, { recursive: true });
const context = await launchChromium({ extension: dist, profile, headless: false });
const id = await extensionId(context);
const page = (path: string) => `chrome-extension://${id}/${path}`;
const first = context.pages()[0] ?? (await context.newPage());
await first.goto(page('src/popup/index.html'));
if (demo?.codes.invite) {
  await (await context.newPage()).goto(page(`src/options/index.html#join=${demo.codes.invite}`));
  await (await context.newPage()).goto(page(`src/trends/index.html#${demo.codes.managerCode}`));
  await first.bringToFront();
}
console.log('Chromium is open with Culture Pulse loaded; its first tab shows this week’s pulse.');
if (demo) {
  console.log('The other tabs: Settings with the demo invite filled in, and the demo team’s trends.');
}
console.log('Click the puzzle-piece icon to pin Culture Pulse to the toolbar. Close the browser to stop.');
await new Promise<void>((done) => context.on('close', () => done()));
await stopEndpoint();
process.exit(0);
