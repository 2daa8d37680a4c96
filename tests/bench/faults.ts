/**
 * Faults caused for real against the built endpoint under load, printed as figures (never
 * pass/fail):
 * - PostgreSQL stopped for two seconds, then started; and restarted (`pg_ctl restart -m fast`):
 *   how long after PostgreSQL accepts connections again the endpoint is back to its full ingest
 *   rate (budget: under 2 s), and whether any acknowledged submission is missing.
 * - The endpoint killed with SIGKILL under 20-connection load, 20 times, on one SQLite file:
 *   acknowledged submissions lost (budget: none).
 * The load is this process's own (one fetch loop per connection), measured the same way before
 * and after each fault, so the rate compared is like for like.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { type Answer, collectingWeek, ingestLoad, type Load } from '../server/ingest-load';
import { startPrivatePostgres } from '../server/private-postgres';
import { buildServer, createOpenTeam, startEndpoint } from './endpoint-process';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const acked = (a: Answer) => a.status === 200 || a.status === 201;
/** Acknowledged submissions a second, from answers that came between `from` and `to` (performance.now()). */
const rateBetween = (answers: readonly Answer[], from: number, to: number) =>
  answers.filter((a) => acked(a) && a.at >= from && a.at < to).length / ((to - from) / 1000);

const WINDOW_MS = 250;

/** From `back` on: the first acknowledgement, and the first WINDOW_MS window at 90% of `full` or more. */
function recovery(answers: readonly Answer[], back: number, full: number) {
  const first = answers.find((a) => acked(a) && a.at >= back);
  let fullAfter = Number.NaN;
  for (let start = back; start < back + 10_000; start += 50) {
    if (rateBetween(answers, start, start + WINDOW_MS) >= 0.9 * full) {
      fullAfter = start + WINDOW_MS - back;
      break;
    }
  }
  return { firstMs: first ? first.at - back : Number.NaN, fullMs: fullAfter };
}

async function missing(url: string, answers: readonly Answer[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ submission_id: string }>(
      'SELECT submission_id FROM culture_pulse.submissions',
    );
    const stored = new Set(rows.map((r) => r.submission_id));
    return answers.filter((a) => acked(a) && !stored.has(a.submission.submissionId)).length;
  } finally {
    await client.end();
  }
}

export async function postgresRecoveryBench(): Promise<void> {
  console.log('\n## PostgreSQL stopped and restarted under load (a cluster of its own; 10 connections)\n');
  console.log(
    '  From PostgreSQL accepting connections again (pg_ctl -w returned) to the first acknowledged submission,\n' +
      `  and to the end of the first ${WINDOW_MS} ms window at 90% or more of the rate before the fault.`,
  );
  buildServer();
  const cluster = await startPrivatePostgres();
  let load: Load | undefined;
  const endpoint = await (async () => {
    const env = { DATABASE_URL: cluster.url, PORT: '0' };
    return { token: createOpenTeam(env, 'bench'), process: await startEndpoint(env) };
  })();
  try {
    load = ingestLoad(endpoint.process.url, 'bench', endpoint.token, 10);
    await pause(2000); // warm-up
    const faults: [string, () => Promise<void>][] = [
      [
        'stopped 2 s, started',
        async () => {
          await cluster.stop();
          await pause(2000);
          await cluster.start();
        },
      ],
      ['restart -m fast', () => cluster.restart()],
    ];
    for (const [name, cause] of faults) {
      const before = performance.now();
      await pause(3000);
      const full = rateBetween(load.answers, before, performance.now());
      const from = load.answers.length;
      await cause();
      const back = performance.now();
      await pause(5000);
      const answers = load.answers.slice(from);
      const { firstMs, fullMs } = recovery(answers, back, full);
      const refused = answers.filter((a) => a.status === 503).length;
      const other = answers.filter((a) => !acked(a) && a.status !== 503).length;
      console.log(
        `  ${name.padEnd(22)} rate before ${full.toFixed(0)}/s   first ack after ${firstMs.toFixed(0)} ms   ` +
          `full rate after ${(fullMs / 1000).toFixed(2)} s (budget: under 2 s)   503s ${refused}   other failures ${other}`,
      );
    }
    const answers = await load.stop();
    load = undefined;
    console.log(
      `  acknowledged ${answers.filter(acked).length}, missing from the database ${await missing(cluster.url, answers)} (budget: 0); ` +
        `endpoint still running: ${endpoint.process.child.exitCode === null ? 'yes' : 'NO'}`,
    );
  } finally {
    await load?.stop();
    await endpoint.process.stop();
    await cluster.destroy();
  }
}

const CYCLES = 20;
const KILL_CONNECTIONS = 20;

export async function killRestartBench(): Promise<void> {
  console.log(
    `\n## The endpoint killed (SIGKILL) under ${KILL_CONNECTIONS}-connection load, ${CYCLES} times, on one SQLite file\n`,
  );
  buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-kill-'));
  try {
    const env = { PULSE_DB: join(dir, 'bench.db'), PORT: '0' };
    const token = createOpenTeam(env, 'bench');
    const all: Answer[] = [];
    const starts: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const started = performance.now();
      const endpoint = await startEndpoint(env);
      starts.push(performance.now() - started);
      const load = ingestLoad(endpoint.url, 'bench', token, KILL_CONNECTIONS);
      // Killed at a moment of its own each cycle, mid-load.
      await pause(300 + Math.random() * 500);
      await endpoint.kill();
      all.push(...(await load.stop()));
    }
    const store = openSqliteStore(env.PULSE_DB);
    const stored = new Set((await store.weekSubmissions('bench', collectingWeek())).map((s) => s.submissionId));
    await store.close();
    const acknowledged = all.filter(acked);
    const lost = acknowledged.filter((a) => !stored.has(a.submission.submissionId)).length;
    const inFlight = all.filter((a) => !acked(a) && stored.has(a.submission.submissionId)).length;
    const sorted = [...starts].sort((a, b) => a - b);
    console.log(
      `  ${acknowledged.length} acknowledged, ${stored.size} stored, ${lost} acknowledged but lost (budget: 0); ` +
        `${inFlight} stored whose answer the kill cut off (a retry replaces them)`,
    );
    console.log(`  start to listening, median of ${CYCLES}: ${(sorted[CYCLES >> 1] ?? 0).toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
