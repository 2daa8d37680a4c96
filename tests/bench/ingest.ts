/**
 * Ingest on SQLite, driven from this (second) process over loopback with autocannon: every request
 * a new submission (a fresh id), so every one is a durable insert. Beside it, the same load on a
 * bare node:http server that reads the body and answers 204: the floor of this machine.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pulseForWeek } from '../../src/core/rotation';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { type BenchServer, SERVER_NODE_FLAGS, startBenchServer } from './bench-server';

const SECONDS = 10;
const CONNECTIONS = 10;

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
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer('bench', nodeFlags);
    const url = server.url;
    await new Promise((r) => setTimeout(r, 1000));
    const restBefore = server.rssMiB();

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
    await load(`${url}/v1/teams/bench/submissions`, server.ingestToken, body); // warm-up
    const reference = await load(bareUrl, 'x'.repeat(20), body);
    const result = await load(`${url}/v1/teams/bench/submissions`, server.ingestToken, body);
    const underLoad = server.rssMiB();
    bare.close();
    await new Promise((r) => setTimeout(r, 3000));
    const after3 = server.rssMiB();
    await new Promise((r) => setTimeout(r, 27_000));
    console.log(line('endpoint', result), '(budget: at least 2,000/s, p99 under 20 ms)');
    console.log(line('reference: bare node:http', reference));
    console.log(
      `  endpoint RSS (node ${nodeFlags.join(' ') || 'defaults'}): ${restBefore.toFixed(0)} MiB at rest before, ` +
        `${underLoad.toFixed(0)} MiB under load, ${after3.toFixed(0)} MiB 3 s after, ${server.rssMiB().toFixed(0)} MiB 30 s after ` +
        '(budget: under 100 MB at rest)',
    );
  } finally {
    server?.stop();
  }
}
