/**
 * A disk that is really full: the endpoint runs in a mount namespace of its own (unshare) with its
 * SQLite file on a 512 KiB tmpfs that a filler file has all but used up. Writes fail with ENOSPC
 * (SQLITE_FULL): each answered 503 with Retry-After, the fault named once; deleting the filler frees
 * the space and writes go on; every acknowledged submission is in the file, row by row. The mount
 * dies with the process, so a failed run leaves no mount behind.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { createPlatformTeam, INGEST } from './harness';
import { collectingWeek, until } from './ingest-load';
import { startServerProcess } from './server-process';
import { submission } from './store-contract';

const HOW_TO = `This test mounts a small tmpfs in a mount namespace of its own (unshare --mount): run it as root,
or where unprivileged user namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1).`;

const dir = mkdtempSync(join(tmpdir(), 'pulse-disk-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Mounts a tmpfs on $1, copies the seed file $2 onto it, fills it, frees `free` bytes, then runs the rest. */
const MOUNT_AND_FILL = `set -e
mount -t tmpfs -o size=512k tmpfs "$1"
cp "$2" "$1/pulse.db"
cat /dev/zero > "$1/filler" 2>/dev/null || true
truncate -s "-$3" "$1/filler"
shift 3
exec "$@"`;

describe('a full disk under the SQLite file', () => {
  it('answers 503 with Retry-After, names it once, stores every acknowledged submission, and resumes once space is freed', async () => {
    try {
      execFileSync('unshare', ['--mount', '--map-root-user', 'true']);
    } catch {
      throw new Error(HOW_TO);
    }
    const seed = join(dir, 'seed.db');
    const store = openSqliteStore(seed);
    await createPlatformTeam(store);
    await store.close();
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    // Room for SQLite's shared-memory index (32 KiB) and a few pages of WAL, no more.
    const free = 32 * 1024 + 24 * 1024;
    const server = await startServerProcess(
      { PULSE_DB: join(disk, 'pulse.db'), INGEST_PER_MINUTE: '100000000' },
      {
        prefix: ['unshare', '--mount', '--map-root-user', 'sh', '-c', MOUNT_AND_FILL, 'sh', disk, seed, String(free)],
      },
    );
    // The tmpfs as the endpoint sees it: in its own mount namespace, through /proc.
    const mounted = `/proc/${server.child.pid}/root${disk}`;
    expect(statSync(`${mounted}/filler`).size).toBeGreaterThan(256 * 1024);
    try {
      const week = collectingWeek();
      const statuses = new Map<number, number>();
      const post = async (n: number) => {
        const response = await fetch(`${server.url}/v1/teams/platform/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}` },
          body: JSON.stringify(submission('platform', week, n)),
        });
        statuses.set(n, response.status);
        return response;
      };
      let n = 0;
      let refused = 0;
      while (refused < 10) {
        const response = await post(++n);
        if (response.status === 503) {
          refused++;
          expect(response.headers.get('retry-after')).toBe('60');
          expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
        } else {
          expect(response.status).toBe(201);
        }
      }
      expect([...statuses.values()].filter((s) => s === 201).length).toBeGreaterThan(0);
      const named = () =>
        server
          .errors()
          .split('\n')
          .filter((l) => /^Culture Pulse: the storage is full/.test(l));
      expect(named()).toHaveLength(1);
      expect(named()[0]).toMatch(/SQLITE_FULL/);
      expect(server.exitCode()).toBeNull();

      // Space freed: writes go on, and once they have for a second the endpoint says the fault is over.
      rmSync(`${mounted}/filler`);
      const over = () => /^Culture Pulse: the store works again/m.test(server.errors());
      await until(async () => {
        expect((await post(++n)).status).toBe(201);
        return over();
      });
      expect(named()).toHaveLength(1);

      // Copied out while the endpoint (and so its mount) is still there, and idle: SQLite itself
      // would resolve /proc/<pid>/root to this namespace's root. The WAL holds the latest commits.
      const copy = join(dir, 'copy.db');
      copyFileSync(`${mounted}/pulse.db`, copy);
      copyFileSync(`${mounted}/pulse.db-wal`, `${copy}-wal`);
      const db = new Database(copy);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db
          .prepare<[string], { submission_id: string; scores: string }>(
            'SELECT submission_id, scores FROM submissions WHERE week_id = ?',
          )
          .all(week);
        const stored = new Map(rows.map((r) => [r.submission_id, JSON.parse(r.scores)]));
        for (const [i, status] of statuses) {
          const sent = submission('platform', week, i);
          if (status === 201) expect(stored.get(sent.submissionId)).toEqual(sent.scores);
          else expect(stored.has(sent.submissionId)).toBe(false);
        }
      } finally {
        db.close();
      }
    } finally {
      await server.stop();
    }
  });
});
