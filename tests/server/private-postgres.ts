/**
 * A PostgreSQL cluster of a test's own (initdb in a temp folder, on a free port), so a test can
 * stop, start and restart it without touching the shared one other tests are using. Root runs the
 * cluster as the `postgres` user (initdb refuses root). Without PostgreSQL's binaries it fails,
 * saying how to install them: never a skip.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openPostgresStore } from '../../src/server/postgres-store';
import { createPlatformTeam, freePort } from './harness';
import { type ServerProcess, startServerProcess } from './server-process';

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
  /** With `smallDisk`: the bytes its data files use, and a new size for the disk they are on. */
  diskUsed(): Promise<number>;
  resizeDisk(bytes: number): Promise<void>;
}

const SMALL_DISK_HOW_TO = `This test puts a PostgreSQL cluster's data on a tmpfs in a mount namespace of its own
(unshare --mount, nsenter) and runs the cluster as the postgres user there: run it as root.`;

/**
 * A mount namespace of its own, held open by a sleeping process, and a way to run commands in it.
 * Mounts made there are seen only by what runs there (a cluster started in it), and die with it.
 */
async function mountNamespace(): Promise<{ run: typeof run; close: () => void }> {
  if (userInfo().uid !== 0) throw new Error(SMALL_DISK_HOW_TO);
  const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sleep', 'infinity'], { stdio: 'ignore' });
  const pid = String(holder.pid);
  // unshare execs sleep once the namespace is made: until then nsenter would enter ours.
  const ours = (await run('readlink', ['/proc/self/ns/mnt'])).stdout;
  for (;;) {
    const theirs = await run('readlink', [`/proc/${pid}/ns/mnt`]).catch(() => ({ stdout: ours }));
    if (theirs.stdout !== ours) break;
    if (holder.exitCode !== null) throw new Error(SMALL_DISK_HOW_TO);
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    run: ((command: string, args: string[]) => run('nsenter', ['-t', pid, '-m', '--', command, ...args])) as typeof run,
    close: () => holder.kill('SIGKILL'),
  };
}

/**
 * A fresh cluster, or with `standbyOf` (a private cluster's port) a hot standby of that one: a base
 * backup of it streaming its changes, read-only until promoted.
 */
export async function startPrivatePostgres(
  options: {
    standbyOf?: number;
    /**
     * Its data files (not its write-ahead log) on a tmpfs of their own, which `resizeDisk` can
     * shrink to fill it: a disk that really fills, as the endpoint's database server sees one.
     */
    smallDisk?: boolean;
  } = {},
): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), 0);
  const namespace = options.smallDisk ? await mountNamespace() : undefined;
  const runHere = namespace?.run ?? run;
  const as = (command: string, args: string[]) =>
    asRoot
      ? runHere('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : runHere(join(bin, command), args);
  const disk = join(dir, 'disk');
  const data = options.smallDisk ? join(disk, 'data') : join(dir, 'data');
  const port = await freePort();
  const initdb = ['-D', data, '-A', 'trust', '-U', 'pulse', '-E', 'UTF8', '--no-sync', '--no-instructions'];
  if (namespace) {
    await run('mkdir', [disk]);
    await namespace.run('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=0700', 'tmpfs', disk]);
    await namespace.run('chown', ['postgres:', disk]);
    // The write-ahead log stays off the small disk: PostgreSQL stops (PANIC) when it cannot write
    // WAL, but answers 53100 when a table cannot grow, the fault a filled data disk gives.
    await as('initdb', [...initdb, '--waldir', join(dir, 'wal')]);
  } else if (options.standbyOf === undefined) {
    await as('initdb', initdb);
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
    diskUsed: async () => {
      if (!namespace) throw new Error('Not a small-disk cluster.');
      const { stdout } = await namespace.run('df', ['-B1', '--output=used', disk]);
      return Number(stdout.trim().split('\n').at(-1));
    },
    resizeDisk: async (bytes) => {
      if (!namespace) throw new Error('Not a small-disk cluster.');
      await namespace.run('mount', ['-o', `remount,size=${bytes}`, disk]);
    },
    destroy: async () => {
      await stop().catch(() => undefined);
      namespace?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private cluster holding the platform team, and the endpoint as its own process on it (no rate limit in the way). */
export async function endpointOnPrivatePostgres(
  options: Parameters<typeof startPrivatePostgres>[0] = {},
): Promise<{ cluster: PrivatePostgres; server: ServerProcess }> {
  const cluster = await startPrivatePostgres(options);
  const store = await openPostgresStore(cluster.url);
  await createPlatformTeam(store);
  await store.close();
  const server = await startServerProcess({ DATABASE_URL: cluster.url, INGEST_PER_MINUTE: '100000000' });
  return { cluster, server };
}

/** Every stored submission's scores by its id, read from the database itself. */
export async function storedScores(url: string): Promise<Map<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ submission_id: string; scores: unknown }>(
      'SELECT submission_id, scores FROM culture_pulse.submissions',
    );
    return new Map(rows.map((r) => [r.submission_id, r.scores]));
  } finally {
    await client.end();
  }
}
