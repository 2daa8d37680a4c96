/**
 * The endpoint as its own process, from source (`src/server/main.ts` through tsx, with the node
 * flag `npm run server` uses), so a fault that would end the process is seen ending it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  errors(): string;
  /** Null while it runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string>,
  options: {
    /** Run as this user (root runs it so, for a file root could write whatever its mode). */
    readonly user?: string;
    /** A command that runs the endpoint's command line given after it (e.g. in a namespace of its own). */
    readonly prefix?: readonly string[];
  } = {},
): Promise<ServerProcess> {
  const node = [process.execPath, '--max-semi-space-size=1', '--import', 'tsx', 'src/server/main.ts'];
  const user = options.user ? ['runuser', '-u', options.user, '--'] : [];
  const [command = process.execPath, ...argv] = [...(options.prefix ?? []), ...user, ...node];
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, PORT: '0', ...env } });
  let out = '';
  let err = '';
  let code: number | null = null;
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<void>((done) =>
    child.once('exit', (c, signal) => {
      code = c ?? (signal ? 128 : 1);
      done();
    }),
  );
  const url = await new Promise<string>((done, failed) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) done(match[1]);
    });
    void exited.then(() => failed(new Error(`The server exited with ${code}: ${out}${err}`)));
  });
  return {
    url,
    child,
    errors: () => err,
    exitCode: () => code,
    stop: async () => {
      if (code === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
