/**
 * `npm run server [-- command]`: the reference endpoint. Without a command it serves, on SQLite
 * unless DATABASE_URL is set, and prints where it listens. Commands manage teams (see cli.ts).
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runAdminCommand, USAGE, UsageError } from './cli';
import { configFromEnv } from './config';
import { openPostgresStore } from './postgres-store';
import { serveEndpoint } from './serve';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';
import { type StoreFaults, storeFaults } from './store-faults';

// ISO weeks on the server are UTC weeks, whatever the machine's zone.
process.env.TZ = 'UTC';

async function openStore(
  config: ReturnType<typeof configFromEnv>,
  faults: StoreFaults,
): Promise<{ store: Store; where: string }> {
  if (config.databaseUrl) {
    const store = await openPostgresStore(config.databaseUrl, undefined, { onConnectionError: faults.noted });
    return { store, where: 'PostgreSQL (DATABASE_URL)' };
  }
  try {
    return { store: openSqliteStore(config.sqliteFile), where: `SQLite file ${config.sqliteFile}` };
  } catch (error) {
    // "attempt to write a readonly database" alone does not say which file, nor what to look at.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot open the SQLite file ${config.sqliteFile}: ${message}. Check that it and its folder exist and can be written (SQLite keeps -wal and -shm files beside it).`,
    );
  }
}

/**
 * Stream chunks to stdout with Node's own backpressure, so a long export holds little in memory.
 * (Resolving a promise per write on 'drain' leaked here when stdout is a file: the bench caught it.)
 */
function writeAllToStdout(chunks: AsyncIterable<string>): Promise<void> {
  return pipeline(Readable.from(chunks), process.stdout, { end: false });
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = configFromEnv(process.env);
  // A store fault is named once on stderr as it starts and once as it ends (store-faults.ts).
  const faults = storeFaults((line) => console.error(line));
  const { store: opened, where } = await openStore(config, faults);
  const command = argv[0] ?? 'serve';
  if (command !== 'serve') {
    try {
      const publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
      await runAdminCommand(argv, {
        store: opened,
        publicUrl,
        out: (line) => console.log(line),
        writeAll: writeAllToStdout,
        collectionDays: config.collectionDays,
      });
      return 0;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    } finally {
      await opened.close();
    }
  }

  const store = faults.guard(opened);
  const hasTeams = (await store.listTeams()).length > 0;
  const endpoint = await serveEndpoint(store, config);
  console.log(`Culture Pulse endpoint listening on ${endpoint.url} (storage: ${where})`);
  if (!hasTeams)
    console.log('No teams yet. Create one with: npm run server -- create-team <team-id> --name "Team name"');
  await new Promise<void>((resolve) => {
    const stop = () => void endpoint.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
