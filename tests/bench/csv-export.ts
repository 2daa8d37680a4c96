/**
 * The server's CSV export of 1,000 teams × 104 weeks: `export-csv` of the built server, run as a
 * child process writing into a pipe this process reads and counts, with its RSS sampled every
 * 20 ms. Reference: the same number of bytes written by node into the same kind of pipe.
 * The data (about 8 people a week, so ~830,000 submissions) is written straight into SQLite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { pulseForWeek } from '../../src/core/rotation';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { openSqliteStore } from '../../src/server/sqlite-store';

const root = resolve(import.meta.dirname, '../..');
const TEAMS = 1000;
const WEEKS = 104;
const PEOPLE = 8;

function rssMiB(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return Number(m?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function seed(file: string): Promise<void> {
  // The store makes the schema; the rows go in one transaction, as a migration would.
  await openSqliteStore(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const team = db.prepare(
    'INSERT INTO teams (team_id, name, ingest_token_hash, manager_token_hash, k) VALUES (?, ?, ?, ?, 5)',
  );
  const sub = db.prepare(
    'INSERT INTO submissions (team_id, submission_id, week_id, bank_version, scores) VALUES (?, ?, ?, 1, ?)',
  );
  const last = addWeeksToId(weekIdOf(new Date()), -3); // released
  const weeks = Array.from({ length: WEEKS }, (_, i) => addWeeksToId(last, i - WEEKS + 1));
  const questions = new Map(weeks.map((w) => [w, pulseForWeek(w).questions.map((q) => q.id)]));
  db.transaction(() => {
    let n = 0;
    for (let t = 0; t < TEAMS; t++) {
      const teamId = `team-${String(t).padStart(4, '0')}`;
      team.run(teamId, `Team ${t}, "bench"`, 'a'.repeat(64), 'b'.repeat(64));
      for (const w of weeks) {
        for (let p = 0; p < PEOPLE; p++) {
          const scores = Object.fromEntries((questions.get(w) ?? []).map((id, i) => [id, ((n + i + p) % 5) + 1]));
          sub.run(teamId, (n++).toString(16).padStart(64, '0'), w, JSON.stringify(scores));
        }
      }
    }
  })();
  db.close();
}

/** Bytes/s and peak RSS of a child writing into a pipe we drain. */
async function measure(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ bytes: number; seconds: number; peak: number; quarters: number[] }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  let peak = 0;
  const samples: [number, number][] = [];
  const sampler = setInterval(() => {
    const rss = rssMiB(child.pid ?? 0);
    if (rss > 0) samples.push([bytes, rss]);
    peak = Math.max(peak, rss);
  }, 20);
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  // Peak RSS in each quarter of the output: flat memory means these stay level as the file grows.
  const quarters = [1, 2, 3, 4].map((q) =>
    Math.max(0, ...samples.filter(([b]) => b > ((q - 1) * bytes) / 4 && b <= (q * bytes) / 4).map(([, r]) => r)),
  );
  return { bytes, seconds: (performance.now() - started) / 1000, peak, quarters };
}

export async function csvExportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-csv-'));
  try {
    const file = join(dir, 'bench.db');
    const seeding = performance.now();
    await seed(file);
    console.log(
      `\n## Server CSV export: ${TEAMS} teams × ${WEEKS} weeks × ${PEOPLE} people (export-csv into a pipe)\n`,
    );
    console.log(
      `  Seeded ${TEAMS * WEEKS * PEOPLE} submissions in ${((performance.now() - seeding) / 1000).toFixed(1)} s.`,
    );
    spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
    const env = { ...process.env, PULSE_DB: file };
    // The first export computes every week's released figures and keeps them; later ones read those.
    const cold = await measure(['dist-server/main.mjs', 'export-csv'], env);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measure(['dist-server/main.mjs', 'export-csv'], env));
    const best = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
    const size = best.bytes;
    const filler = `${randomBytes(48).toString('hex')}\r\n`;
    const reference = await measure(
      [
        '-e',
        `const line=${JSON.stringify(filler)};let left=${size};const out=process.stdout;` +
          'function go(){while(left>0){const chunk=line.repeat(600);left-=chunk.length;if(!out.write(chunk))return out.once("drain",go);}}go();',
      ],
      env,
    );
    const mbps = (r: { bytes: number; seconds: number }) => (r.bytes / 1e6 / r.seconds).toFixed(1);
    console.log(
      `  first export (computes and keeps each week's released figures): ${mbps(cold)} MB/s, peak RSS ${cold.peak.toFixed(0)} MiB, by quarter ${cold.quarters.map((q) => q.toFixed(0)).join(' / ')} MiB`,
    );
    console.log(
      `  export-csv  ${(size / 1e6).toFixed(1)} MB in ${best.seconds.toFixed(2)} s = ${mbps(best)} MB/s, peak RSS ${best.peak.toFixed(0)} MiB, by quarter of the file ${best.quarters.map((q) => q.toFixed(0)).join(' / ')} MiB (budget: ≥ 50 MB/s, flat memory); best of runs: ${runs.map((r) => `${mbps(r)} MB/s`).join(', ')}`,
    );
    console.log(
      `  reference   node writing ${(reference.bytes / 1e6).toFixed(1)} MB into the same pipe: ${mbps(reference)} MB/s, peak RSS ${reference.peak.toFixed(0)} MiB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
