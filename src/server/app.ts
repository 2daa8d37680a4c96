/**
 * The endpoint's HTTP API, under /v1. Every input is parsed before use; every rejection is a 4xx
 * with a message naming the problem, and nothing is written unless everything checked out.
 * Nothing is logged about requests: no addresses, no agents, no bodies, no times.
 *
 *   POST /v1/teams/:teamId/submissions   ingest token: one device's scores for one closed week
 *   GET  /v1/teams/:teamId/weeks          manager token: every week, released figures only
 *   GET  /v1/teams/:teamId/weeks/:weekId  manager token: one week
 *   GET  /v1/health
 */
import type { IncomingMessage } from 'node:http';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { aggregateWeek } from '../core/aggregate';
import { releaseWeek } from '../core/privacy';
import { describeIssues } from '../core/schemas';
import { submissionSchema, TEAM_ID } from '../core/submission';
import { isWeekId, type WeekId } from '../core/week';
import type { RateLimiter } from './rate-limit';
import type { Store, Team } from './store';
import { bearerToken, tokenMatches } from './tokens';
import { weekStatus } from './week-window';

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

type Bindings = { incoming?: IncomingMessage };

class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function fail(status: ContentfulStatusCode, code: string, message: string, headers?: Record<string, string>): never {
  throw new ApiError(status, code, message, headers);
}

/** The body as text, refusing more than `max` bytes before reading it all. */
async function readBody(c: Context<{ Bindings: Bindings }>, max: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > max) fail(413, 'too_large', `The body is larger than ${max} bytes.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > max) fail(413, 'too_large', `The body is larger than ${max} bytes.`);
    chunks.push(chunk);
  };
  const incoming = c.env?.incoming;
  if (incoming) {
    // Reading the Node request directly is several times faster than building a web Request.
    for await (const chunk of incoming) take(chunk as Buffer);
  } else if (c.req.raw.body) {
    const reader = c.req.raw.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) take(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createApp(options: AppOptions): Hono<{ Bindings: Bindings }> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
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

  app.get('/v1/health', (c) => c.json({ ok: true }));

  app.post('/v1/teams/:teamId/submissions', async (c) => {
    const teamId = c.req.param('teamId');
    limit(`ingest:${teamId}`);
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      fail(415, 'unsupported_media_type', 'Send the submission as application/json.');
    }
    const body = await readBody(c, options.maxBodyBytes);
    const team = await teamOf(teamId);
    const token = bearerToken(c.req.header('authorization'));
    if (!token) fail(401, 'missing_token', 'Send the team’s ingest token as "Authorization: Bearer <token>".');
    if (!tokenMatches(token, team.ingestTokenHash)) {
      fail(401, 'wrong_token', 'This token is not the ingest token of this team (it may have been rotated).');
    }
    let json: unknown;
    try {
      // A "__proto__" key would be silently dropped by object spreading later: refuse it outright.
      json = JSON.parse(body, (key, value: unknown) => {
        if (key === '__proto__') throw new ApiError(400, 'forbidden_key', 'The body may not hold a "__proto__" key.');
        return value;
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      fail(400, 'invalid_json', 'The body is not valid JSON.');
    }
    const parsed = submissionSchema.safeParse(json);
    if (!parsed.success)
      fail(400, 'invalid_submission', `The submission is not valid: ${describeIssues(parsed.error)}`);
    const submission = parsed.data;
    if (submission.teamId !== teamId) fail(400, 'team_mismatch', 'teamId in the body must match the team in the URL.');
    const status = weekStatus(submission.weekId, now(), options.collectionDays);
    if (status.kind === 'open') {
      fail(422, 'week_not_closed', `Week ${submission.weekId} has not ended yet; send it after it closes.`);
    }
    if (status.kind === 'released') {
      fail(
        409,
        'week_released',
        `Week ${submission.weekId} was released on ${status.releasedAt.toISOString().slice(0, 10)}; its figures no longer change.`,
      );
    }
    const result = await store.upsertSubmission(submission);
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

  const weekView = async (team: Team, weekId: WeekId) => {
    const status = weekStatus(weekId, now(), options.collectionDays);
    if (status.kind !== 'released') {
      return {
        weekId,
        status: status.kind,
        releasesAt: status.kind === 'collecting' ? status.releasedAt.toISOString() : null,
      };
    }
    const figures = releaseWeek(aggregateWeek(await store.weekSubmissions(team.teamId, weekId)), team.k);
    return { weekId, status: 'released' as const, k: team.k, ...figures };
  };

  app.get('/v1/teams/:teamId/weeks', async (c) => {
    const team = await managerTeam(c);
    const weeks = await store.teamWeeks(team.teamId);
    return c.json({
      teamId: team.teamId,
      name: team.name,
      k: team.k,
      weeks: await Promise.all(weeks.map((w) => weekView(team, w))),
    });
  });

  app.get('/v1/teams/:teamId/weeks/:weekId', async (c) => {
    const team = await managerTeam(c);
    const weekId = c.req.param('weekId');
    if (!isWeekId(weekId)) fail(400, 'invalid_week', `"${weekId.slice(0, 20)}" is not an ISO week such as 2026-W48.`);
    return c.json(await weekView(team, weekId));
  });

  return app;
}
