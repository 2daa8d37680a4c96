/**
 * The endpoint's memory under junk: 10,000 submissions to made-up 15 KB team ids, with no token,
 * from one address (what once grew the rate limiter by a key per request). Printed, never pass/fail.
 */
import autocannon from 'autocannon';
import { type BenchServer, startBenchServer } from './bench-server';

const REQUESTS = 10_000;
const ID_BYTES = 15 * 1024;

export async function junkRequestsBench(): Promise<void> {
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer('bench');
    await new Promise((r) => setTimeout(r, 1000));
    const before = server.rssMiB();
    let n = 0;
    const result = await autocannon({
      url: server.url,
      connections: 10,
      amount: REQUESTS,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            path: `/v1/teams/${(n++).toString(36).padStart(ID_BYTES, 'x')}/submissions`,
            body: '{}',
          }),
        },
      ],
    });
    const after = server.rssMiB();
    await new Promise((r) => setTimeout(r, 5000));
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${count ?? 0} × ${status}`)
      .join(', ');
    console.log(`\n## Endpoint RSS under junk: ${REQUESTS} requests to made-up 15 KB team ids, no token\n`);
    console.log(`  answered: ${statuses}; errors ${result.errors}, timeouts ${result.timeouts}`);
    console.log(
      `  endpoint RSS: ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB right after, ` +
        `${server.rssMiB().toFixed(0)} MiB 5 s after (budget: under 100 MB)`,
    );
  } finally {
    server?.stop();
  }
}
