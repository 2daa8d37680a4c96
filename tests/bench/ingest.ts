/**
 * Ingest on SQLite, driven from this (second) process over loopback with autocannon: every request
 * a new submission (a fresh id), so every one is a durable insert. Beside it, the same load on a
 * bare node:http server that reads the body and answers 204: the floor of this machine.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { parseInvite } from '../../src/core/invite';
import { pulseForWeek } from '../../src/core/rotation';
import { addWeeksToId, weekIdOf } from '../../src/core/week';

const root = resolve(import.meta.dirname, '../..');
const SECONDS = 10;
/** The flags `npm run server` starts node with (package.json); the bench measures the same process. */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
const CONNECTIONS = 10;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

async function load(url: string, token: string, body: () => string) {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

function line(label: string, r: autocannon.Result): string {
  const ok = r['2xx'];
  const bad = r.non2xx + r.errors + r.timeouts;
  return `  ${label.padEnd(26)} ${Math.round(ok / r.duration)
    .toString()
    .padStart(7)} ok/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   failed ${bad}`;
}

export async function ingestBench(nodeFlags: readonly string[] = SERVER_NODE_FLAGS): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-server-'));
  const env = { ...process.env, PULSE_DB: join(dir, 'bench.db'), PORT: '0', INGEST_PER_MINUTE: '100000000' };
  const created = spawnSync('npm', ['run', '--silent', 'server', '--', 'create-team', 'bench'], {
    cwd: root,
    env: { ...env, PUBLIC_URL: 'http://127.0.0.1:1' },
    encoding: 'utf8',
  });
  const invite = parseInvite(created.stdout);
  if (!invite.ok) throw new Error(`Could not create the bench team: ${created.stderr}`);
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, [...nodeFlags, 'dist-server/main.mjs'], { cwd: root, env });
    const url = await new Promise<string>((done, failed) => {
      let out = '';
      child?.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
        if (m?.[1]) done(m[1]);
      });
      child?.once('exit', (code) => failed(new Error(`server exited ${code}`)));
    });
    const pid = child.pid ?? 0;
    await new Promise((r) => setTimeout(r, 1000));
    const restBefore = rssMiB(pid);

    const week = addWeeksToId(weekIdOf(new Date()), -1); // collecting now
    const ids = pulseForWeek(week).questions.map((q) => q.id);
    const body = () =>
      JSON.stringify({
        submissionId: randomBytes(32).toString('hex'),
        teamId: 'bench',
        weekId: week,
        bankVersion: 1,
        scores: Object.fromEntries(ids.map((id, i) => [id, (i % 5) + 1])),
      });

    // The floor: node:http reading the body and answering 204, from the same driver.
    const bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

    console.log(`\n## Ingest on SQLite (${SECONDS} s, ${CONNECTIONS} connections, autocannon from a second process)\n`);
    console.log('  Each request is a new submission, zod-checked, token-checked, committed with synchronous=FULL.');
    await load(`${url}/v1/teams/bench/submissions`, invite.invite.ingestToken, body); // warm-up
    const reference = await load(bareUrl, 'x'.repeat(20), body);
    const result = await load(`${url}/v1/teams/bench/submissions`, invite.invite.ingestToken, body);
    const underLoad = rssMiB(pid);
    bare.close();
    await new Promise((r) => setTimeout(r, 3000));
    const after3 = rssMiB(pid);
    await new Promise((r) => setTimeout(r, 27_000));
    console.log(line('endpoint', result), '(budget: at least 2,000/s, p99 under 20 ms)');
    console.log(line('reference: bare node:http', reference));
    console.log(
      `  endpoint RSS (node ${nodeFlags.join(' ') || 'defaults'}): ${restBefore.toFixed(0)} MiB at rest before, ` +
        `${underLoad.toFixed(0)} MiB under load, ${after3.toFixed(0)} MiB 3 s after, ${rssMiB(pid).toFixed(0)} MiB 30 s after ` +
        '(budget: under 100 MB at rest)',
    );
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
