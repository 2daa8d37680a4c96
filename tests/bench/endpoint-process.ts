/**
 * The built endpoint (dist-server/main.mjs) as its own process, started with the node flags
 * `npm run server` uses, for the fault benches: started, killed and started again on one store.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseInvite } from '../../src/core/invite';
import { listeningUrl, rssMiBOf, SERVER_NODE_FLAGS } from './bench-server';

const root = resolve(import.meta.dirname, '../..');

/** dist-server/main.mjs from the current source (esbuild: a fraction of a second). */
export function buildServer(): void {
  const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build:server failed: ${built.stderr}`);
}

/** An open team on the store `env` names; its ingest token. */
export function createOpenTeam(env: Record<string, string>, teamId: string): string {
  const created = spawnSync(process.execPath, ['dist-server/main.mjs', 'create-team', teamId, '--open'], {
    cwd: root,
    env: { ...process.env, ...env, PUBLIC_URL: 'http://127.0.0.1:1' },
    encoding: 'utf8',
  });
  const invite = parseInvite(created.stdout);
  if (!invite.ok) throw new Error(`Could not create the team: ${created.stderr}`);
  return invite.invite.ingestToken;
}

export interface EndpointProcess {
  readonly url: string;
  readonly child: ChildProcess;
  rssMiB(): number;
  /** SIGKILL, as the kernel's OOM killer or a power cut would (no shutdown of any kind). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEndpoint(env: Record<string, string>): Promise<EndpointProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist-server/main.mjs'], {
    cwd: root,
    env: { ...process.env, INGEST_PER_MINUTE: '100000000', ...env },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await listeningUrl(child);
  const pid = child.pid ?? 0;
  return {
    url,
    child,
    rssMiB: () => rssMiBOf(pid),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
