/**
 * The endpoint's release promises, tried as the manager or the operator would: with the manager
 * code, the server's settings and the admin commands, on SQLite and PostgreSQL alike. Each test is
 * an attack that read one person's answer (or when they answered) before releases were stored.
 * `database()` makes a new database and gives a function that opens it, again each time it is
 * called, as a restarted server would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../src/server/cli';
import type { Store } from '../../src/server/store';
import { type Running, startServer } from './harness';
import { submission } from './store-contract';

const PATH = '/v1/teams/platform/submissions';
/** Thursday of 2026-W48 (the harness's NOW); a week later W47 is released too. */
const NOW = new Date('2026-11-26T12:00:00Z');

export function releaseAttacks(name: string, database: () => Promise<() => Promise<Store>>): void {
  describe(`release attacks on ${name}`, () => {
    let open: () => Promise<Store>;
    beforeEach(async () => {
      open = await database();
    });
    const running: Running[] = [];
    const start = async (options: { collectionDays?: number; now?: Date } = {}) => {
      const server = await startServer({
        store: await open(),
        collectionDays: options.collectionDays,
        now: () => options.now ?? NOW,
      });
      running.push(server);
      return server;
    };
    const stop = async (server: Running) => {
      running.splice(running.indexOf(server), 1);
      await server.close();
    };
    afterEach(async () => {
      await Promise.all(running.splice(0).map((s) => s.close()));
    });
    const weeks = async (server: Running) => {
      const response = await server.get('/v1/teams/platform/weeks');
      expect(response.status).toBe(200);
      return (await response.json()) as { weeks: { weekId: string; responses: number | null }[] };
    };
    const week = async (server: Running, weekId: string) => {
      const all = await weeks(server);
      return all.weeks.find((w) => w.weekId === weekId);
    };

    it('a restart with a longer collection window neither reopens a released week nor changes it', async () => {
      const first = await start();
      for (let p = 1; p <= 5; p++) await first.store.upsertSubmission(submission('platform', '2026-W46', p, 4));
      const released = await week(first, '2026-W46');
      expect(released).toMatchObject({ responses: 5 });
      await stop(first);
      // The operator restarts with COLLECTION_DAYS=14: by the clock alone, W46 would collect again.
      const longer = await start({ collectionDays: 14 });
      const late = await longer.post(PATH, submission('platform', '2026-W46', 6, 1));
      expect(late.status).toBe(409);
      expect(await week(longer, '2026-W46')).toEqual(released);
      expect(await longer.store.weekSubmissions('platform', '2026-W46')).toHaveLength(5);
    });

    it('a week released while nobody looked is released at the next start, before any request', async () => {
      const first = await start({ now: new Date('2026-11-20T12:00:00Z') }); // W46 collecting
      for (let p = 1; p <= 5; p++)
        expect((await first.post(PATH, submission('platform', '2026-W46', p))).status).toBe(201);
      await stop(first);
      const later = await start({ now: NOW }); // W46 due: the first look stores it
      const listed = await week(later, '2026-W46');
      await stop(later);
      const longer = await start({ collectionDays: 14 });
      expect((await longer.post(PATH, submission('platform', '2026-W46', 6, 1))).status).toBe(409);
      expect(await week(longer, '2026-W46')).toEqual(listed);
    });

    it('a new k hides or shows nothing more of a released week', async () => {
      const server = await start();
      for (let p = 1; p <= 5; p++) await server.store.upsertSubmission(submission('platform', '2026-W46', p, 4));
      for (let p = 11; p <= 14; p++) await server.store.upsertSubmission(submission('platform', '2026-W45', p, 2));
      const before = await weeks(server);
      const lines: string[] = [];
      const ctx = { store: server.store, publicUrl: 'https://pulse.example.org', out: (l: string) => lines.push(l) };
      await runAdminCommand(['set-k', 'platform', '3'], ctx);
      expect(lines.join('\n')).toMatch(/already released keep/);
      expect((await weeks(server)).weeks).toEqual(before.weeks);
      await runAdminCommand(['set-k', 'platform', '9'], ctx);
      expect((await weeks(server)).weeks).toEqual(before.weeks);
    });

    it('a resend under a known id and another week never moves the first week’s answer', async () => {
      // Fourteen collection days: W46 and W47 both collect.
      const server = await start({ collectionDays: 14 });
      for (let p = 1; p <= 5; p++)
        expect((await server.post(PATH, submission('platform', '2026-W46', p, 4))).status).toBe(201);
      const moved = await server.post(PATH, { ...submission('platform', '2026-W47', 1, 1) });
      expect(moved.status).toBe(201);
      const w46 = await server.store.weekSubmissions('platform', '2026-W46');
      expect(w46.map((s) => s.scores)).toEqual(Array(5).fill(submission('platform', '2026-W46', 1, 4).scores));
      expect(await server.store.weekSubmissions('platform', '2026-W47')).toHaveLength(1);
    });

    it('a manager who polls the weeks learns nothing when someone answers a collecting week', async () => {
      const server = await start();
      for (let p = 1; p <= 5; p++) await server.store.upsertSubmission(submission('platform', '2026-W46', p, 4));
      const read = async () => (await server.get('/v1/teams/platform/weeks')).text();
      const before = await read();
      expect((await server.post(PATH, submission('platform', '2026-W47', 7, 5))).status).toBe(201);
      expect(await read()).toBe(before);
      expect(JSON.parse(before)).toMatchObject({ nextReleaseAt: '2026-11-30T12:00:00.000Z' });
      expect(before).not.toContain('2026-W47');
    });
  });
}
