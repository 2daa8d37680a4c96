/**
 * The built endpoint (dist-server/main.mjs) as its own process on a fresh SQLite file, started with
 * the node flags `npm run server` uses, with one team: what the server benches measure.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseInvite } from '../../src/core/invite';

const root = resolve(import.meta.dirname, '../..');
/** The flags `npm run server` starts node with (package.json); the bench measures the same process. */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

export interface BenchServer {
  readonly url: string;
  readonly teamId: string;
  /** The open team's ingest token, or the personal team's first invite. */
  readonly ingestToken: string;
  /** Every invite the command printed (a personal team's, one each). */
  readonly invites: readonly string[];
  /** The SQLite file it serves from. */
  readonly dbFile: string;
  /** Another team in the same file, made as create-team makes it; its invites, as printed. */
  addTeam(teamId: string, kind: readonly string[]): string[];
  rssMiB(): number;
  /** CPU time the process has used so far, in ms: all its threads, and its main (event loop) thread. */
  cpuMs(): { all: number; loop: number };
  stop(): void;
}

/** User plus system time from a /proc stat file (fields 14 and 15, in clock ticks of 10 ms). */
function cpuTicksMs(file: string): number {
  const text = readFileSync(file, 'utf8');
  // The command name (field 2) may hold spaces; count fields from the last parenthesis.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Where an endpoint process listens, once it says so; its output so far if it exits first. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((done, failed) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) done(m[1]);
    });
    child.once('exit', (code) => failed(new Error(`The endpoint exited (${code}): ${out}${err}`)));
  });
}

/** A process's resident memory, from /proc (Linux). */
export function rssMiBOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1] ?? Number.NaN) / 1024;
}

/** The invites create-team printed, one a line among its other words. */
function invitesIn(printed: string): string[] {
  return printed.split('\n').flatMap((line) => {
    const parsed = parseInvite(line);
    return parsed.ok ? [parsed.invite.ingestToken] : [];
  });
}

export async function startBenchServer(
  teamId: string,
  nodeFlags: readonly string[] = SERVER_NODE_FLAGS,
  /** How create-team makes the team: open unless told. */
  kind: readonly string[] = ['--open'],
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-server-'));
  const env = { ...process.env, PULSE_DB: join(dir, 'bench.db'), PORT: '0', INGEST_PER_MINUTE: '100000000' };
  const created = spawnSync('npm', ['run', '--silent', 'server', '--', 'create-team', teamId, ...kind], {
    cwd: root,
    env: { ...env, PUBLIC_URL: 'http://127.0.0.1:1' },
    encoding: 'utf8',
  });
  const invites = invitesIn(created.stdout);
  const first = invites[0];
  if (!first) throw new Error(`Could not create the bench team: ${created.stderr}`);
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, 'dist-server/main.mjs'], { cwd: root, env });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await listeningUrl(child);
    const pid = child.pid ?? 0;
    return {
      url,
      teamId,
      ingestToken: first,
      invites,
      dbFile: env.PULSE_DB,
      addTeam: (id, teamKind) => {
        // The command built above; a running endpoint reads the new team from the same file.
        const made = spawnSync(process.execPath, ['dist-server/main.mjs', 'create-team', id, ...teamKind], {
          cwd: root,
          env: { ...env, PUBLIC_URL: 'http://127.0.0.1:1' },
          encoding: 'utf8',
        });
        if (made.status !== 0) throw new Error(`Could not create team ${id}: ${made.stderr}`);
        return invitesIn(made.stdout);
      },
      rssMiB: () => rssMiBOf(pid),
      cpuMs: () => ({ all: cpuTicksMs(`/proc/${pid}/stat`), loop: cpuTicksMs(`/proc/${pid}/task/${pid}/stat`) }),
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
