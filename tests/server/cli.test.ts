/** The admin commands in-process, and `npm run server` as a real process on a real port. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInvite } from '../../src/core/invite';
import { runAdminCommand, UsageError } from '../../src/server/cli';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { tokenMatches } from '../../src/server/tokens';
import { submission } from './store-contract';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pulse-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(file: string, ...argv: string[]) {
  const store = openSqliteStore(file);
  const lines: string[] = [];
  try {
    await runAdminCommand(argv, { store, publicUrl: 'https://pulse.example.org', out: (l) => lines.push(l) });
    return lines;
  } finally {
    await store.close();
  }
}

describe('admin commands', () => {
  const file = join(dir, 'admin.db');

  it('creates a team and prints a working invite and manager token, storing only hashes', async () => {
    const out = await run(file, 'create-team', 'platform', '--name', 'Platform, "core"', '--k', '6');
    const invite = parseInvite(out.join('\n'));
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    expect(invite.invite).toMatchObject({ endpoint: 'https://pulse.example.org', teamId: 'platform' });
    const managerToken = out[out.length - 1]?.trim() ?? '';
    const store = openSqliteStore(file);
    const team = await store.getTeam('platform');
    await store.close();
    expect(team).toMatchObject({ name: 'Platform, "core"', k: 6 });
    expect(tokenMatches(invite.invite.ingestToken, team?.ingestTokenHash ?? '')).toBe(true);
    expect(tokenMatches(managerToken, team?.managerTokenHash ?? '')).toBe(true);
    expect(JSON.stringify(team)).not.toContain(managerToken);
  });

  it('rotates tokens so the old ones stop working', async () => {
    const before = openSqliteStore(file);
    const old = await before.getTeam('platform');
    await before.close();
    await run(file, 'rotate-ingest', 'platform');
    await run(file, 'rotate-manager', 'platform');
    const after = openSqliteStore(file);
    const team = await after.getTeam('platform');
    await after.close();
    expect(team?.ingestTokenHash).not.toBe(old?.ingestTokenHash);
    expect(team?.managerTokenHash).not.toBe(old?.managerTokenHash);
  });

  it('sets k, refusing anything below 3', async () => {
    expect(await run(file, 'set-k', 'platform', '8')).toEqual([
      'Team "platform": nothing is shown for fewer than 8 responses.',
    ]);
    await expect(run(file, 'set-k', 'platform', '2')).rejects.toThrow(/at least 3/);
    await expect(run(file, 'create-team', 'tiny', '--k', '2')).rejects.toThrow(UsageError);
  });

  it('explains bad command lines', async () => {
    await expect(run(file, 'create-team', 'platform')).rejects.toThrow(/exists already/);
    await expect(run(file, 'create-team', 'Bad Team')).rejects.toThrow(/not a team id/);
    await expect(run(file, 'rotate-ingest', 'nobody')).rejects.toThrow(/no team "nobody"/);
    await expect(run(file, 'explode')).rejects.toThrow(/Unknown command "explode"/);
    expect(await run(file, 'list-teams')).toEqual(['platform\tk=8\tPlatform, "core"']);
  });
});

describe('npm run server', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('starts on SQLite, prints where it listens, and serves the API there', async () => {
    const file = join(dir, 'served.db');
    // Through the npm script, as a user runs it: it builds dist-server/main.mjs, then runs it.
    const created = spawnSync('npm', ['run', '--silent', 'server', '--', 'create-team', 'platform'], {
      cwd: root,
      env: { ...process.env, PULSE_DB: file, PUBLIC_URL: 'http://127.0.0.1:1' },
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    const invite = parseInvite(created.stdout);
    if (!invite.ok) throw new Error(created.stdout + created.stderr);

    const child = spawn(process.execPath, ['dist-server/main.mjs'], {
      cwd: root,
      env: { ...process.env, PULSE_DB: file, PORT: '0' },
    });
    children.push(child);
    const url = await new Promise<string>((done, failed) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(storage: SQLite file/.exec(out);
        if (match?.[1]) done(match[1]);
      });
      child.once('exit', (code) => failed(new Error(`server exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    // The real clock: last week is collecting now, so a submission for it is accepted.
    const lastWeek = (await import('../../src/core/week')).addWeeksToId(
      (await import('../../src/core/week')).weekIdOf(new Date()),
      -1,
    );
    const response = await fetch(`${url}/v1/teams/platform/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${invite.invite.ingestToken}` },
      body: JSON.stringify(submission('platform', lastWeek, 1)),
    });
    expect(response.status).toBe(201);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
