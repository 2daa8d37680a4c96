/**
 * `npm run bench:server`: only the endpoint's figures (no extension build, no browser), for work
 * on the server. Printed, never pass/fail.
 */
import { killRestartBench, postgresRecoveryBench } from './faults';
import { ingestBench } from './ingest';
import { junkRequestsBench } from './junk-requests';
import { votesBench } from './votes';

console.log(`# Culture Pulse endpoint benchmarks — ${new Date().toISOString()}, Node ${process.version}`);
await ingestBench();
await junkRequestsBench();
await votesBench();
await postgresRecoveryBench();
await killRestartBench();
