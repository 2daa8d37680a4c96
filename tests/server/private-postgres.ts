/**
 * A PostgreSQL cluster of a test's own (initdb in a temp folder, on a free port), so a test can
 * stop, start and restart it without touching the shared one other tests are using. Root runs the
 * cluster as the `postgres` user (initdb refuses root). Without PostgreSQL's binaries it fails,
 * saying how to install them: never a skip.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './harness';

const run = promisify(execFile);

const HOW_TO = `This test runs a PostgreSQL cluster of its own and restarts it, so it needs PostgreSQL's server
binaries (initdb, pg_ctl): apt-get install -y postgresql (or set PG_BIN to the folder holding them).`;

function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(HOW_TO);
  return found;
}

export interface PrivatePostgres {
  /** postgres://pulse@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** Fast shutdown (as `pg_ctlcluster … stop -m fast`): clients are disconnected, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: stop and start again, as an operator's restart. */
  restart(): Promise<void>;
  /** Stop it and delete its files. */
  destroy(): Promise<void>;
  /** A standby's promotion to primary (`pg_ctl promote`), as a failover does; waits until it takes writes. */
  promote(): Promise<void>;
}

/**
 * A fresh cluster, or with `standbyOf` (a private cluster's port) a hot standby of that one: a base
 * backup of it streaming its changes, read-only until promoted.
 */
export async function startPrivatePostgres(options: { standbyOf?: number } = {}): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), 0);
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  const data = join(dir, 'data');
  const port = await freePort();
  if (options.standbyOf === undefined) {
    await as('initdb', ['-D', data, '-A', 'trust', '-U', 'pulse', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  } else {
    // -R writes standby.signal and how to reach the primary: it starts as its standby.
    const from = ['-h', '127.0.0.1', '-p', String(options.standbyOf), '-U', 'pulse'];
    await as('pg_basebackup', [...from, '-D', data, '-R', '-X', 'stream', '--no-sync']);
  }
  // fsync off: the test restarts the server cleanly, it never pulls the plug, and it is faster.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://pulse@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: async () => {
      // With its log file: otherwise the new server would hold this command's output open.
      await as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-m', 'fast', '-w', 'restart']);
    },
    promote: async () => {
      await as('pg_ctl', ['-D', data, '-w', 'promote']);
    },
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
