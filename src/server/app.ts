/**
 * The endpoint's HTTP API, under /v1. Every input is parsed before use; every rejection is a 4xx
 * with a message naming the problem, and nothing is written unless everything checked out.
 * Nothing is logged about requests: no addresses, no agents, no bodies, no times.
 *
 *   POST /v1/teams/:teamId/submissions   ingest token: one device's scores for one closed week
 *   GET  /v1/teams/:teamId/weeks          manager token: the released weeks, and when the next comes
 *   GET  /v1/teams/:teamId/weeks/:weekId  manager token: one week (figures once released)
 *   GET  /v1/teams/:teamId/trends.csv     manager token: released weeks as the manager CSV, streamed
 *   PUT|DELETE /v1/teams/:teamId/notes/:weekId/:theme   manager token: "what we are doing about it"
 *   GET  /v1/teams/:teamId/notes          ingest or manager token: the team's notes
 *   GET  /v1/health
 */

import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { aggregateWeek } from '../core/aggregate';
import { releaseWeek } from '../core/privacy';
import { describeIssues } from '../core/schemas';
import { submissionSchema, TEAM_ID } from '../core/submission';
import { isWeekId, type WeekId } from '../core/week';
import { ApiError, type Bindings, fail, parseJsonBody, readBody, requireJson } from './http';
import { registerNoteRoutes } from './notes-routes';
import type { RateLimiter } from './rate-limit';
import { isWeekReleased, type Released, releasedTeamWeeks, releasedWeek, releaseNow } from './releases';
import type { Store, Team } from './store';
import { bearerToken, tokenMatches } from './tokens';
import { toByteStream, trendCsvChunks } from './trends-csv';
import { releaseCalendar, weekStatus } from './week-window';

export interface AppOptions {
  readonly store: Store;
  readonly collectionDays: number;
  readonly maxBodyBytes: number;
  /** Per team, so one team's flood cannot starve another. */
  readonly teamLimiter: RateLimiter;
  /** Across all teams, so made-up team ids cannot flood the server either. */
  readonly globalLimiter: RateLimiter;
  readonly now?: () => Date;
}

export function createApp(options: AppOptions): Hono<{ Bindings: Bindings }> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const clock = () => ({ now: now(), collectionDays: options.collectionDays });
  const app = new Hono<{ Bindings: Bindings }>();

  const limit = (key: string) => {
    const t = now().getTime();
    for (const [limiter, k] of [
      [options.globalLimiter, '*'],
      [options.teamLimiter, key],
    ] as const) {
      const taken = limiter.take(k, t);
      if (!taken.ok) {
        fail(429, 'rate_limited', 'Too many requests; try again later.', {
          'Retry-After': String(taken.retryAfterSeconds),
        });
      }
    }
  };

  const teamOf = async (teamId: string): Promise<Team> => {
    if (!TEAM_ID.test(teamId)) fail(404, 'unknown_team', `There is no team "${teamId.slice(0, 40)}" here.`);
    const team = await store.getTeam(teamId);
    if (!team) fail(404, 'unknown_team', `There is no team "${teamId}" here.`);
    return team;
  };

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    }
    // A fault of ours, not of the request: say so without details (and never echo the body).
    return c.json({ error: { code: 'server_error', message: 'The server could not handle this request.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404));

  // JSON answers are gzipped for clients that accept it: a two-year /weeks answer is about 220 KB
  // of repeated keys and under 10 KB gzipped (the demo year: 45 KB and 3 KB), what a manager on a
  // slow link waits for before any chart.
  // The CSV stream is left as it is: it is for files and pipes, and its budget is throughput.
  app.use(compress({ contentTypeFilter: /^application\/json/ }));

  app.get('/v1/health', (c) => c.json({ ok: true }));

  app.post('/v1/teams/:teamId/submissions', async (c) => {
    const teamId = c.req.param('teamId');
    limit(`ingest:${teamId}`);
    requireJson(c, 'the submission');
    const body = await readBody(c, options.maxBodyBytes);
    const team = await teamOf(teamId);
    const token = bearerToken(c.req.header('authorization'));
    if (!token) fail(401, 'missing_token', 'Send the team’s ingest token as "Authorization: Bearer <token>".');
    if (!tokenMatches(token, team.ingestTokenHash)) {
      fail(401, 'wrong_token', 'This token is not the ingest token of this team (it may have been rotated).');
    }
    const parsed = submissionSchema.safeParse(parseJsonBody(body));
    if (!parsed.success)
      fail(400, 'invalid_submission', `The submission is not valid: ${describeIssues(parsed.error)}`);
    const submission = parsed.data;
    if (submission.teamId !== teamId) fail(400, 'team_mismatch', 'teamId in the body must match the team in the URL.');
    const status = weekStatus(submission.weekId, now(), options.collectionDays);
    if (status.kind === 'open') {
      fail(422, 'week_not_closed', `Week ${submission.weekId} has not ended yet; send it after it closes.`);
    }
    // Released by the clock: freeze the week as it stands (if not yet), then refuse.
    if (status.kind === 'released') await releaseNow(store, team, submission.weekId);
    const result = status.kind === 'released' ? 'released' : await store.upsertSubmission(submission);
    if (result === 'released') {
      fail(409, 'week_released', `Week ${submission.weekId} has been released; its figures never change.`);
    }
    return c.json({ status: result }, result === 'created' ? 201 : 200);
  });

  const managerTeam = async (c: Context<{ Bindings: Bindings }>): Promise<Team> => {
    const teamId = c.req.param('teamId') ?? '';
    limit(`read:${teamId}`);
    const team = await teamOf(teamId);
    const token = bearerToken(c.req.header('authorization'));
    if (!token) fail(401, 'missing_token', 'Send the team’s manager token as "Authorization: Bearer <token>".');
    if (tokenMatches(token, team.ingestTokenHash)) {
      fail(403, 'ingest_token', 'This is the team’s ingest token: it can send scores but never read them.');
    }
    if (!tokenMatches(token, team.managerTokenHash)) {
      fail(401, 'wrong_token', 'This token is not the manager token of this team (it may have been rotated).');
    }
    return team;
  };

  const weekParam = (raw: string): WeekId => {
    if (!isWeekId(raw)) fail(400, 'invalid_week', `"${raw.slice(0, 20)}" is not an ISO week such as 2026-W48.`);
    return raw;
  };

  const releasedView = ({ weekId, k, released }: Released) => ({ weekId, status: 'released' as const, k, ...released });

  // Released weeks only, and when the next figures come: a week that is still collecting is not
  // listed, so polling says nothing about when anyone answered.
  app.get('/v1/teams/:teamId/weeks', async (c) => {
    const team = await managerTeam(c);
    const weeks = await releasedTeamWeeks(store, team, clock());
    return c.json({
      teamId: team.teamId,
      name: team.name,
      k: team.k,
      nextReleaseAt: releaseCalendar(now(), options.collectionDays).next.at.toISOString(),
      weeks: weeks.map(releasedView),
    });
  });

  app.get('/v1/teams/:teamId/weeks/:weekId', async (c) => {
    const team = await managerTeam(c);
    const weekId = weekParam(c.req.param('weekId'));
    const released = await releasedWeek(store, team, clock(), weekId);
    if (released) return c.json(releasedView(released));
    const status = weekStatus(weekId, now(), options.collectionDays);
    if (status.kind === 'released') {
      // Released by the clock with nothing sent: there is nothing to show, and nothing is stored.
      return c.json(releasedView({ weekId, k: team.k, released: releaseWeek(aggregateWeek([]), team.k) }));
    }
    return c.json({
      weekId,
      status: status.kind,
      releasesAt: status.kind === 'collecting' ? status.releasedAt.toISOString() : null,
    });
  });

  app.get('/v1/teams/:teamId/trends.csv', async (c) => {
    const team = await managerTeam(c);
    const from = c.req.query('from');
    const to = c.req.query('to');
    const range = {
      from: from === undefined ? undefined : weekParam(from),
      to: to === undefined ? undefined : weekParam(to),
    };
    const chunks = trendCsvChunks({ store, now: now(), collectionDays: options.collectionDays }, [team], range);
    return new Response(toByteStream(chunks), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${team.teamId}-trends.csv"`,
        'cache-control': 'no-store',
      },
    });
  });

  /** A team whose ingest or manager token came with the request: engineers and managers both read notes. */
  const memberTeam = async (c: Context<{ Bindings: Bindings }>): Promise<Team> => {
    const teamId = c.req.param('teamId') ?? '';
    limit(`read:${teamId}`);
    const team = await teamOf(teamId);
    const token = bearerToken(c.req.header('authorization'));
    if (!token)
      fail(401, 'missing_token', 'Send the team’s ingest or manager token as "Authorization: Bearer <token>".');
    if (!tokenMatches(token, team.ingestTokenHash) && !tokenMatches(token, team.managerTokenHash)) {
      fail(401, 'wrong_token', 'This token is not one of this team’s (it may have been rotated).');
    }
    return team;
  };

  registerNoteRoutes(app, {
    store,
    managerTeam,
    memberTeam,
    maxBodyBytes: options.maxBodyBytes,
    isReleased: (team, weekId) => isWeekReleased(store, team, clock(), weekId),
  });

  return app;
}
