/**
 * The endpoint's HTTP API, under /v1. Every input is parsed before use; every rejection is a 4xx
 * with a message naming the problem, and nothing is written unless everything checked out.
 * Nothing is logged about requests: no addresses, no agents, no bodies, no times.
 * A team's routes check, in order: the request's shape and size, its token, and only then the
 * token's budget (teamOf), so nobody without a team's token can spend that team's budget.
 *
 *   POST /v1/teams/:teamId/submissions   ingest token: one device's scores for one closed week
 *   GET  /v1/teams/:teamId/weeks          manager token: the released weeks, and when the next comes
 *   GET  /v1/teams/:teamId/weeks/:weekId  manager token: one week (figures once released)
 *   GET  /v1/teams/:teamId/trends.csv     manager token: released weeks as the manager CSV, streamed
 *   PUT|DELETE /v1/teams/:teamId/notes/:weekId/:theme   manager token: "what we are doing about it"
 *   GET  /v1/teams/:teamId/notes          ingest or manager token: the team's notes
 *   GET  /v1/teams/:teamId/keys, POST …/tokens, POST …/votes: one vote per member (vote-routes.ts)
 *   GET  /v1/health, /healthz, /readyz: no token (health-routes.ts)
 */

import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { aggregateWeek } from '../core/aggregate';
import { releaseWeek } from '../core/privacy';
import { describeIssues } from '../core/schemas';
import { submissionSchema, TEAM_ID } from '../core/submission';
import { isWeekId, type WeekId } from '../core/week';
import { type AddressOf, addressBudget } from './address-budget';
import { registerHealthRoutes } from './health-routes';
import { ApiError, type Bindings, fail, parseJsonBody, readBody, requireJson } from './http';
import { registerNoteRoutes } from './notes-routes';
import type { RateLimiter } from './rate-limit';
import { isWeekReleased, type Released, releasedTeamWeeks, releasedWeek, releaseNow } from './releases';
import type { Store, Team } from './store';
import { StoreUnavailable } from './store-faults';
import { bearerToken, hashesMatch, hashToken } from './tokens';
import { toByteStream, trendCsvChunks } from './trends-csv';
import { registerVoteRoutes } from './vote-routes';
import { releaseCalendar, weekStatus } from './week-window';

export interface AppOptions {
  readonly store: Store;
  readonly collectionDays: number;
  readonly maxBodyBytes: number;
  /**
   * Per token hash, counted only once the token is the team's: a team's devices share their ingest
   * token's budget, and nobody without that token can spend it.
   */
  readonly tokenLimiter: RateLimiter;
  /** Per client address, for requests refused before they authenticate (see address-budget.ts). */
  readonly addressLimiter: RateLimiter;
  /** Every request that reaches a token check: the last line, whatever the addresses and tokens. */
  readonly globalLimiter: RateLimiter;
  /** Where a request came from: the socket's peer unless a test says otherwise. */
  readonly addressOf?: AddressOf;
  readonly now?: () => Date;
}

/** The one answer to a request without a valid token, so it tells nobody whether the team exists. */
const UNAUTHORIZED =
  'Send this team’s token as "Authorization: Bearer <token>": none came, or it is not one of this team’s (it may have been rotated).';

/** Compared against when the team does not exist, so that answer takes the same work as a wrong token. */
const NO_TEAM_HASH = hashToken('no team has this token');

type Role = 'ingest' | 'manager' | 'member';

export function createApp(options: AppOptions): Hono<{ Bindings: Bindings }> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const clock = () => ({ now: now(), collectionDays: options.collectionDays });
  const app = new Hono<{ Bindings: Bindings }>();

  const addresses = addressBudget(options.addressLimiter, options.addressOf);
  /** Requests whose token was the team's: their refusals no longer count against their address. */
  const authenticated = new WeakSet<Request>();

  const limit = (limiter: RateLimiter, key: string) => {
    const taken = limiter.take(key, now().getTime());
    if (!taken.ok) {
      fail(429, 'rate_limited', 'Too many requests; try again later.', {
        'Retry-After': String(taken.retryAfterSeconds),
      });
    }
  };

  /** The team id of the path, checked for shape before anything else looks at it (it is never echoed). */
  const teamIdParam = (c: Context<{ Bindings: Bindings }>): string => {
    const teamId = c.req.param('teamId') ?? '';
    if (!TEAM_ID.test(teamId)) {
      fail(400, 'invalid_team', 'The team id in the path must be 3–40 lowercase letters, digits or dashes.');
    }
    return teamId;
  };

  /**
   * The team whose `role` token came with the request. Call it once the request's shape is checked;
   * it checks the token and only then counts the request against that token's budget. Every request
   * without a valid token gets the same 401 whether the team exists or not (after the same work: one
   * lookup, two hashes compared).
   */
  const teamOf = async (c: Context<{ Bindings: Bindings }>, role: Role): Promise<Team> => {
    const teamId = teamIdParam(c);
    const token = bearerToken(c.req.header('authorization'));
    if (!token) fail(401, 'unauthorized', UNAUTHORIZED);
    limit(options.globalLimiter, '*');
    const team = await store.getTeam(teamId);
    const hash = hashToken(token);
    // A personal team's members each hold an invite of their own, kept as a hash.
    const isIngest =
      team?.kind === 'personal'
        ? await store.inviteActive(team.teamId, hash)
        : hashesMatch(hash, team?.ingestTokenHash ?? NO_TEAM_HASH);
    const isManager = hashesMatch(hash, team?.managerTokenHash ?? NO_TEAM_HASH);
    if (!team || !(isIngest || isManager)) fail(401, 'unauthorized', UNAUTHORIZED);
    authenticated.add(c.req.raw);
    limit(options.tokenLimiter, hash);
    if (role === 'ingest' && !isIngest) fail(401, 'unauthorized', UNAUTHORIZED);
    if (role === 'manager' && isIngest) {
      fail(403, 'ingest_token', 'This is the team’s ingest token: it can send scores but never read them.');
    }
    return team;
  };

  app.onError((error, c) => {
    // The store cannot work just now (store-faults.ts): nothing was stored, so the client keeps
    // what it sent and tries again. Not the request's fault, so no address budget is spent.
    if (error instanceof StoreUnavailable) {
      return c.json(
        {
          error: {
            code: 'unavailable',
            message: 'The endpoint cannot store or read anything just now; nothing was changed. Try again later.',
          },
        },
        503,
        { 'Retry-After': String(error.retryAfterSeconds) },
      );
    }
    if (error instanceof ApiError) {
      // A refusal before the request authenticated counts against its address; past that budget the
      // address is told to wait, whatever it sent, and no team's budget was touched.
      if (!authenticated.has(c.req.raw)) {
        const spent = addresses.spend(c, now().getTime());
        if (!spent.ok) {
          return c.json(
            { error: { code: 'rate_limited', message: 'Too many refused requests; try again later.' } },
            429,
            { 'Retry-After': String(spent.retryAfterSeconds) },
          );
        }
      }
      return c.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
    }
    // A fault of ours, not of the request: say so without details (and never echo the body).
    return c.json({ error: { code: 'server_error', message: 'The server could not handle this request.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404));

  // Before compression: a probe's few bytes are not worth it.
  registerHealthRoutes(app, store);

  // JSON answers are gzipped for clients that accept it: a two-year /weeks answer is about 220 KB
  // of repeated keys and under 10 KB gzipped (the demo year: 45 KB and 3 KB), what a manager on a
  // slow link waits for before any chart.
  // The CSV stream is left as it is: it is for files and pipes, and its budget is throughput.
  app.use(compress({ contentTypeFilter: /^application\/json/ }));

  app.get('/v1/health', (c) => c.json({ ok: true }));
  // Noted as each request arrives: an oversize body's socket is gone by the time it is refused.
  app.use('/v1/teams/*', addresses.remember);

  app.post('/v1/teams/:teamId/submissions', async (c) => {
    const teamId = teamIdParam(c);
    requireJson(c, 'the submission');
    const body = await readBody(c, options.maxBodyBytes);
    const team = await teamOf(c, 'ingest');
    if (team.kind === 'personal') {
      fail(
        403,
        'personal_team',
        'This team counts one vote per member a week: send the week’s vote with its token (POST /votes), not here.',
      );
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

  const managerTeam = (c: Context<{ Bindings: Bindings }>): Promise<Team> => teamOf(c, 'manager');

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
      // Open: one shared invite, so one person could answer more than once; personal: one vote each.
      kind: team.kind,
      k: team.k,
      nextReleaseAt: releaseCalendar(now(), options.collectionDays).next.at.toISOString(),
      weeks: weeks.map(releasedView),
    });
  });

  app.get('/v1/teams/:teamId/weeks/:weekId', async (c) => {
    const weekId = weekParam(c.req.param('weekId'));
    const team = await managerTeam(c);
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
    const from = c.req.query('from');
    const to = c.req.query('to');
    const range = {
      from: from === undefined ? undefined : weekParam(from),
      to: to === undefined ? undefined : weekParam(to),
    };
    const team = await managerTeam(c);
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
  const memberTeam = (c: Context<{ Bindings: Bindings }>): Promise<Team> => teamOf(c, 'member');

  registerVoteRoutes(app, {
    store,
    now,
    collectionDays: options.collectionDays,
    maxBodyBytes: options.maxBodyBytes,
    inviteHolder: async (c) => {
      const team = await teamOf(c, 'ingest');
      return { team, inviteHash: hashToken(bearerToken(c.req.header('authorization')) ?? '') };
    },
    admitted: (c, key) => {
      authenticated.add(c.req.raw);
      limit(options.tokenLimiter, key);
    },
  });

  registerNoteRoutes(app, {
    store,
    managerTeam,
    memberTeam,
    maxBodyBytes: options.maxBodyBytes,
    isReleased: (team, weekId) => isWeekReleased(store, team, clock(), weekId),
  });

  return app;
}
