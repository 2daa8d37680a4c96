/**
 * One person, one vote, on the built endpoint over loopback (SQLite): how long a blind signature
 * takes to get (POST /tokens, one request per invite), and how fast votes go in (POST /votes, each a
 * new valid token) beside plain submissions of an open team, the same number, in the same run.
 * Tokens for the vote load are minted here with the week's private key read from the database (a
 * plain RSA-PSS signature of the token input is exactly what blinding and unblinding give), since
 * blinding thousands in this process would measure the client, not the endpoint. Printed, never
 * pass/fail. The endpoint's CPU time is read from /proc (Linux).
 */
import { constants, createPrivateKey, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { pulseForWeek } from '../../src/core/rotation';
import { authenticatorInput, encodeToken, toBase64Url } from '../../src/core/vote-token';
import { addWeeksToId, type WeekId, weekIdOf } from '../../src/core/week';
import { expectedChallengeDigest } from '../../src/server/week-keys';
import { type BenchServer, startBenchServer } from './bench-server';

const INVITES = 500;
/** Seconds of each load: long enough that autocannon's one-second ticks do not round the rate. */
const SECONDS = 4;
/** Vote and plain loads taken in turn, this many times each. */
const ROUNDS = 3;
/** Tokens minted: more than the votes that fit in all the rounds (3 × 4 s at up to 6,000/s), so none is spent twice. */
const VOTES = 80_000;
const CONNECTIONS = 10;

/** Answers a second over the whole load. */
const rate = (r: autocannon.Result) => r['2xx'] / ((r.finish.getTime() - r.start.getTime()) / 1000);

function line(label: string, r: autocannon.Result): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  return `  ${label.padEnd(30)} ${Math.round(rate(r))
    .toString()
    .padStart(7)} ok/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   failed ${bad}`;
}

const percent = (r: number) => `${(100 * r).toFixed(0)}%`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const cpu = (m: { loopUs: number; allUs: number }) =>
  `  cpu ${m.loopUs.toFixed(0)} µs loop, ${m.allUs.toFixed(0)} µs all threads`;

const scoresOf = (week: WeekId) => Object.fromEntries(pulseForWeek(week).questions.map((q, i) => [q.id, (i % 5) + 1]));

/** Personal teams of INVITES members: each invite asks once, so more teams give more requests. */
const ISSUANCE_TEAMS = 6;

/** One keep-alive connection, one request at a time, each timed in the driver to the microsecond. */
function sequentialClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  return {
    timed(path: string, headers: http.OutgoingHttpHeaders = {}, body?: string): Promise<number> {
      return new Promise((done, failed) => {
        const started = performance.now();
        const req = http.request(
          { agent, host: hostname, port, path, method: body === undefined ? 'GET' : 'POST', headers },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? done(performance.now() - started)
                : failed(new Error(`${path} answered ${res.statusCode}`)),
            );
          },
        );
        req.on('error', failed);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
function spread(label: string, times: readonly number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const ms = (q: number) => `${quantile(s, q).toFixed(2)} ms`;
  return `  ${label.padEnd(34)} n ${String(s.length).padStart(5)}   p50 ${ms(0.5)}   p90 ${ms(0.9)}   p99 ${ms(0.99)}   max ${ms(1)}`;
}

async function issuance(): Promise<void> {
  const server = await startBenchServer('bench', undefined, ['--personal', '--invites', String(INVITES)]);
  const client = sequentialClient(server.url);
  try {
    const week = weekIdOf(new Date());
    const teams = [{ teamId: 'bench', invites: server.invites }];
    for (let t = 2; t <= ISSUANCE_TEAMS; t++) {
      const teamId = `bench${t}`;
      teams.push({ teamId, invites: server.addTeam(teamId, ['--personal', '--invites', String(INVITES)]) });
    }
    // Bodies made beforehand, so the driver's own work (and garbage) is not in the figure. A random
    // number below the modulus (its top byte kept small) is what a blinded request looks like.
    const requests = teams.flatMap(({ teamId, invites }) =>
      invites.map((invite) => {
        const blinded = randomBytes(256);
        blinded[0] = (blinded[0] ?? 0) & 0x3f;
        const body = JSON.stringify({ weekId: week, blindedRequest: toBase64Url(blinded) });
        return {
          path: `/v1/teams/${teamId}/tokens`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${invite}` },
          body,
        };
      }),
    );
    // Each team's keys are made on its first look: not part of the figure.
    for (const { teamId, invites } of teams) {
      await client.timed(`/v1/teams/${teamId}/keys`, { authorization: `Bearer ${invites[0]}` });
    }
    // The same driver, connection and machine answering the cheapest request there is: what this
    // shared machine adds to any request's tail, whatever the endpoint does.
    const floor: number[] = [];
    for (let i = 0; i < requests.length; i++) floor.push(await client.timed('/healthz'));
    const times: number[] = [];
    for (const { path, headers, body } of requests) times.push(await client.timed(path, headers, body));
    console.log(
      `\n## Vote tokens: ${teams.length} teams of ${INVITES} invites, each invite asking once for this week's signature, one at a time\n`,
    );
    console.log(spread("GET /healthz (the machine's floor)", floor.slice(INVITES)));
    console.log(spread('POST /tokens, the first team (cold)', times.slice(0, INVITES)));
    console.log(spread('POST /tokens (issuance)', times.slice(INVITES)), '(budget: p99 under 5 ms)');
  } finally {
    client.close();
    server.stop();
  }
}

function mintTokens(dbFile: string, teamId: string, week: WeekId, count: number): string[] {
  const db = new Database(dbFile, { readonly: true });
  const row = db
    .prepare<[string, string], { key_id: string; private_key: string }>(
      'SELECT key_id, private_key FROM week_keys WHERE team_id = ? AND week_id = ?',
    )
    .get(teamId, week);
  db.close();
  if (!row) throw new Error(`No key for ${week}.`);
  const key = createPrivateKey({ key: Buffer.from(row.private_key, 'base64url'), format: 'der', type: 'pkcs8' });
  const keyId = new Uint8Array(Buffer.from(row.key_id, 'base64url'));
  const challengeDigest = expectedChallengeDigest(teamId, week);
  return Array.from({ length: count }, () => {
    const input = { nonce: new Uint8Array(randomBytes(32)), challengeDigest, keyId };
    const authenticator = sign('sha384', authenticatorInput(input), {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    });
    return toBase64Url(encodeToken({ ...input, authenticator: new Uint8Array(authenticator) }));
  });
}

async function redemption(): Promise<void> {
  const week = addWeeksToId(weekIdOf(new Date()), -1); // collecting now
  const scores = scoresOf(week);
  const personal = await startBenchServer('bench', undefined, ['--personal', '--invites', '1']);
  const open = await startBenchServer('bench');
  try {
    await fetch(`${personal.url}/v1/teams/bench/keys`, {
      headers: { authorization: `Bearer ${personal.ingestToken}` },
    });
    const started = performance.now();
    // Bodies made beforehand for both loads: the driver shares the machine's two cores with the
    // endpoint, so building a vote's longer body per request would slow the endpoint, not measure it.
    const voteBodies = mintTokens(personal.dbFile, 'bench', week, VOTES).map((token) =>
      JSON.stringify({ token, weekId: week, bankVersion: 1, scores }),
    );
    const plainBodies = Array.from({ length: VOTES }, () =>
      JSON.stringify({
        submissionId: randomBytes(32).toString('hex'),
        teamId: 'bench',
        weekId: week,
        bankVersion: 1,
        scores,
      }),
    );
    console.log(
      `\n## Votes beside plain submissions: ${ROUNDS} rounds of ${SECONDS} s each, ${CONNECTIONS} connections\n`,
    );
    console.log(
      `  (${VOTES} tokens minted, and the bodies made, in ${((performance.now() - started) / 1000).toFixed(1)} s, not measured)`,
    );
    let n = 0;
    let m = 0;
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    /** Load one server and say how much event-loop CPU each answer took there, in µs. */
    const loaded = async (server: BenchServer, options: autocannon.Options) => {
      const before = server.cpuMs();
      const result = await autocannon(options);
      const after = server.cpuMs();
      return {
        result,
        loopUs: (1000 * (after.loop - before.loop)) / result['2xx'],
        allUs: (1000 * (after.all - before.all)) / result['2xx'],
      };
    };
    // Rounds taken in turn, each pair close in time, and the median pair is the figure. The rate of
    // one load on this shared two-core machine swings twofold with whatever else runs; the event
    // loop's CPU time an answer (the thread that limits a busy endpoint) barely moves.
    for (let round = 1; round <= ROUNDS; round++) {
      const votes = await loaded(personal, {
        url: `${personal.url}/v1/teams/bench/votes`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: voteBodies[n++ % voteBodies.length] }) }],
      });
      const plain = await loaded(open, {
        url: `${open.url}/v1/teams/bench/submissions`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${open.ingestToken}` },
        requests: [{ setupRequest: (req) => ({ ...req, body: plainBodies[m++ % plainBodies.length] }) }],
      });
      console.log(line(`round ${round}: POST /votes`, votes.result), cpu(votes));
      console.log(line(`round ${round}: POST /submissions`, plain.result), cpu(plain));
      ratios.push(rate(votes.result) / rate(plain.result));
      cpuRatios.push(plain.loopUs / votes.loopUs);
    }
    if (n > VOTES || m > VOTES) console.log('  (bodies ran out and were sent again: raise VOTES)');
    console.log(`  rate of votes against plain, round by round: ${ratios.map(percent).join(', ')}`);
    console.log(
      `  event-loop CPU an answer, plain against a vote, round by round: ${cpuRatios.map(percent).join(', ')}`,
    );
    console.log(
      `  a busy endpoint takes votes at ${percent(median(cpuRatios))} of its plain rate (median; budget: at least 80%)`,
    );
  } finally {
    personal.stop();
    open.stop();
  }
}

export async function votesBench(): Promise<void> {
  await issuance();
  await redemption();
}
