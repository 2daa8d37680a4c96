/** The admin commands in-process, and `npm run server` as a real process on a real port. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInvite, parseManagerCode } from '../../src/core/invite';
import { runAdminCommand, UsageError } from '../../src/server/cli';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { hashToken, tokenMatches } from '../../src/server/tokens';
import { readWithPapaparse } from './csv-readers';
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

  it('creates a team and prints a working invite and manager code, storing only hashes', async () => {
    const out = await run(file, 'create-team', 'platform', '--open', '--name', 'Platform, "core"', '--k', '6');
    const invite = parseInvite(out.join('\n'));
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    // The invite carries the team's name, so joining shows it rather than the id.
    expect(invite.invite).toMatchObject({
      endpoint: 'https://pulse.example.org',
      teamId: 'platform',
      name: 'Platform, "core"',
    });
    const manager = parseManagerCode(out.join('\n'));
    if (!manager.ok) throw new Error(manager.message);
    expect(manager.access).toMatchObject({ endpoint: 'https://pulse.example.org', teamId: 'platform' });
    const managerToken = manager.access.managerToken;
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
      'Team "platform": weeks released from now on show nothing for fewer than 8 responses. Weeks already released keep the figures and the k they were released with.',
    ]);
    await expect(run(file, 'set-k', 'platform', '2')).rejects.toThrow(/at least 3/);
    await expect(run(file, 'create-team', 'tiny', '--k', '2')).rejects.toThrow(UsageError);
  });

  it('seeds a demo team and exports every team’s released weeks as one CSV, chunk by chunk', async () => {
    const out = await run(file, 'seed-demo', 'demo');
    expect(out[0]).toMatch(/^Created demo team "demo": \d+ submissions over 52 weeks\.$/);
    // A personal team: a dozen members' invites, and the demo's year counted one vote a member.
    const invites = out.filter((l) => /cpulse1\./.test(l)).map((l) => parseInvite(l));
    expect(invites).toHaveLength(12);
    expect(invites.every((i) => i.ok && i.invite.personal === true)).toBe(true);
    expect(parseManagerCode(out.join('\n')).ok).toBe(true);
    await expect(run(file, 'seed-demo', 'demo')).rejects.toThrow(/exists already/);

    const exportCsv = async (...argv: string[]) => {
      const store = openSqliteStore(file);
      const chunks: string[] = [];
      try {
        await runAdminCommand(['export-csv', ...argv], {
          store,
          publicUrl: 'https://pulse.example.org',
          out: () => {},
          writeAll: async (all) => {
            for await (const chunk of all) chunks.push(chunk);
          },
          collectionDays: 7,
        });
      } finally {
        await store.close();
      }
      return chunks;
    };
    const chunks = await exportCsv();
    const rows = readWithPapaparse(chunks.join(''));
    expect(rows[0]?.[0]).toBe('team');
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['Demo team']));
    expect(new Set(rows.slice(1).map((r) => r.at(-1)))).toEqual(new Set(['one vote per person']));
    const recent = readWithPapaparse((await exportCsv('--from', '2026-W01')).join(''));
    expect(recent.length).toBeGreaterThan(100);
    expect(recent.slice(1).every((r) => (r[1] ?? '') >= '2026-W01')).toBe(true);
    await expect(run(file, 'export-csv', '--from', 'last week')).rejects.toThrow(/ISO week/);
  });

  it('makes a personal team: personal invites shown once, stored as hashes, revocable one by one', async () => {
    const personalFile = join(dir, 'personal.db');
    const out = await run(personalFile, 'create-team', 'squad', '--personal', '--invites', '3', '--name', 'Squad');
    const invites = out.filter((l) => l.includes('cpulse1.')).map((l) => l.trim().split(/\s+/));
    expect(invites).toHaveLength(3);
    const parsed = invites.map(([, code]) => parseInvite(code ?? ''));
    for (const p of parsed) {
      expect(p).toMatchObject({ ok: true, invite: { teamId: 'squad', personal: true, name: 'Squad' } });
    }
    expect(new Set(parsed.map((p) => (p.ok ? p.invite.ingestToken : '')))).toHaveProperty('size', 3);
    expect(parseManagerCode(out.join('\n')).ok).toBe(true);
    const store = openSqliteStore(personalFile);
    try {
      expect(await store.getTeam('squad')).toMatchObject({ kind: 'personal' });
      for (const [i, [id]] of invites.entries()) {
        const secret = parsed[i]?.ok ? parsed[i].invite.ingestToken : '';
        expect(await store.inviteActive('squad', hashToken(secret))).toBe(true);
        expect(hashToken(secret).startsWith(id ?? 'x')).toBe(true);
      }
    } finally {
      await store.close();
    }
    const more = await run(personalFile, 'add-invites', 'squad', '2');
    expect(more.filter((l) => l.includes('cpulse1.'))).toHaveLength(2);
    expect(more.join('\n')).toMatch(/5 active in all/);
    const [revokedId] = invites[0] ?? [];
    expect(await run(personalFile, 'revoke-invite', 'squad', revokedId ?? '')).toEqual([
      `Revoked invite ${revokedId} of "squad": it gets no token from the next week on.`,
    ]);
    await expect(run(personalFile, 'revoke-invite', 'squad', revokedId ?? '')).rejects.toThrow(/no active invite/);
    await expect(run(personalFile, 'revoke-invite', 'squad', 'zz')).rejects.toThrow(/id printed beside it/);
    expect(await run(personalFile, 'list-teams')).toEqual(['squad\tk=5\tpersonal, 4 invites (1 revoked)\tSquad']);
    await expect(run(personalFile, 'add-invites', 'squad', '0')).rejects.toThrow(/from 1 to 500/);
    await expect(run(personalFile, 'create-team', 'both', '--personal', '--open')).rejects.toThrow(/not both/);
    await expect(run(personalFile, 'create-team', 'shared', '--open', '--invites', '2')).rejects.toThrow(/--open/);
    await run(personalFile, 'create-team', 'shared', '--open');
    // Personal unless told: no shared invite is printed, and the team counts one vote per member.
    const plain = await run(personalFile, 'create-team', 'plain');
    expect(plain.join('\n')).not.toMatch(/cpulse1\./);
    expect(plain.join('\n')).toMatch(/add-invites plain/);
    await expect(run(personalFile, 'add-invites', 'shared', '2')).rejects.toThrow(/open team/);
  });

  it('explains bad command lines', async () => {
    await expect(run(file, 'create-team', 'platform')).rejects.toThrow(/exists already/);
    await expect(run(file, 'create-team', 'Bad Team')).rejects.toThrow(/not a team id/);
    await expect(run(file, 'rotate-ingest', 'nobody')).rejects.toThrow(/no team "nobody"/);
    await expect(run(file, 'explode')).rejects.toThrow(/Unknown command "explode"/);
    expect(await run(file, 'list-teams')).toEqual([
      'demo\tk=5\tpersonal, 12 invites (0 revoked)\tDemo team',
      'platform\tk=8\topen\tPlatform, "core"',
    ]);
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
    const created = spawnSync('npm', ['run', '--silent', 'server', '--', 'create-team', 'platform', '--open'], {
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
