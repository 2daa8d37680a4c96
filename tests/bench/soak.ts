/**
 * `npm run bench:soak [-- --minutes 30]`: steady ingest at half the measured maximum for a long
 * while (30 minutes unless told), the endpoint's RSS and the minute's p99 printed every minute:
 * memory that grows or latency that drifts shows in the table. Printed, never pass/fail; not part
 * of `npm test` nor of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { pulseForWeek } from '../../src/core/rotation';
import { collectingWeek } from '../server/ingest-load';
import { startBenchServer } from './bench-server';

const CONNECTIONS = 10;

function minutesArg(argv: readonly string[]): number {
  const at = argv.indexOf('--minutes');
  const value = at === -1 ? 30 : Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error('--minutes takes a positive number, e.g. --minutes 3');
  return value;
}

const minutes = minutesArg(process.argv.slice(2));
const server = await startBenchServer('soak');
try {
  const week = collectingWeek();
  const ids = pulseForWeek(week).questions.map((q) => q.id);
  const body = () =>
    JSON.stringify({
      submissionId: randomBytes(32).toString('hex'),
      teamId: 'soak',
      weekId: week,
      bankVersion: 1,
      scores: Object.fromEntries(ids.map((id, i) => [id, (i % 5) + 1])),
    });
  const load = (seconds: number, overallRate?: number) =>
    autocannon({
      url: `${server.url}/v1/teams/soak/submissions`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      ...(overallRate ? { overallRate } : {}),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.ingestToken}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
    });

  console.log(`# Culture Pulse soak — ${new Date().toISOString()}, Node ${process.version}, ${minutes} min`);
  await load(5); // warm-up
  const max = await load(10);
  const maxRate = max['2xx'] / max.duration;
  const rate = Math.max(1, Math.round(maxRate / 2));
  console.log(
    `\n  measured maximum ${maxRate.toFixed(0)}/s (10 s, ${CONNECTIONS} connections); soaking at ${rate}/s\n`,
  );
  console.log('  minute    ok/s     p50 ms   p99 ms   failed   RSS MiB');
  const rows: { p99: number; rss: number }[] = [];
  const whole = Math.floor(minutes);
  const slices = [...Array.from({ length: whole }, () => 60), ...(minutes > whole ? [(minutes - whole) * 60] : [])];
  for (const [i, seconds] of slices.entries()) {
    const r = await load(seconds, rate);
    const rss = server.rssMiB();
    rows.push({ p99: r.latency.p99, rss });
    console.log(
      `  ${String(i + 1).padStart(6)}  ${(r['2xx'] / r.duration).toFixed(0).padStart(6)}  ${String(r.latency.p50).padStart(9)}` +
        `  ${String(r.latency.p99).padStart(7)}  ${String(r.non2xx + r.errors + r.timeouts).padStart(7)}  ${rss.toFixed(0).padStart(8)}`,
    );
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last) {
    console.log(
      `\n  RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB, p99 ${first.p99} → ${last.p99} ms, first minute to last ` +
        '(no growth, no drift: the last should match the first within noise)',
    );
  }
} finally {
  server.stop();
}
