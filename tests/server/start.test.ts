/**
 * `npm start` where no display exists, as in CI or over SSH: it builds the extension, serves the
 * demo endpoint with a year of the demo team's weeks, prints the invite and manager code and how
 * to load dist/ by hand, keeps serving, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInvite, parseManagerCode } from '../../src/core/invite';
import { teamWeeksSchema } from '../../src/core/team-weeks';
import { freePort } from './harness';

const root = resolve(import.meta.dirname, '../..');
const cache = mkdtempSync(join(tmpdir(), 'pulse-start-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('npm start without a display', () => {
  it('serves the demo team, prints its codes and the by-hand steps, and stops on SIGTERM', async () => {
    const port = await freePort();
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev/start.ts'], {
      cwd: root,
      env: { ...env, PULSE_CACHE_DIR: cache, PORT: String(port) },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await expect.poll(() => out, { timeout: 90_000, interval: 250 }).toMatch(/keeps running/);

    expect(out).toMatch(/No display found/);
    expect(out).toMatch(/Load Temporary Add-on/);
    const invite = parseInvite(out);
    const manager = parseManagerCode(out);
    if (!invite.ok || !manager.ok) throw new Error(out);
    expect(invite.invite.endpoint).toBe(`http://127.0.0.1:${port}`);
    const response = await fetch(`${manager.access.endpoint}/v1/teams/demo/weeks`, {
      headers: { authorization: `Bearer ${manager.access.managerToken}` },
    });
    const team = teamWeeksSchema.parse(await response.json());
    expect(team.weeks.filter((w) => w.status === 'released').length).toBeGreaterThan(45);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
