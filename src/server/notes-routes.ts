/**
 * "What we are doing about it" notes over HTTP. A manager writes, replaces or deletes the note of a
 * released week and theme (a note on figures nobody has seen yet would say nothing); engineers'
 * browsers read the team's notes with the ingest token and show them after the next pulse.
 * Notes are plain text, at most NOTE_MAX_LENGTH characters, and are returned as JSON strings only.
 */
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { noteTextSchema, themeSchema } from '../core/notes';
import { describeIssues } from '../core/schemas';
import { isWeekId, type WeekId } from '../core/week';
import { type Bindings, fail, parseJsonBody, readBody, requireJson } from './http';
import type { Store, Team } from './store';

export interface NoteRouteDeps {
  readonly store: Store;
  /** The team whose token came (see app.ts): called once the request's shape and size are checked. */
  readonly managerTeam: (c: Context<{ Bindings: Bindings }>) => Promise<Team>;
  readonly memberTeam: (c: Context<{ Bindings: Bindings }>) => Promise<Team>;
  readonly maxBodyBytes: number;
  readonly isReleased: (team: Team, weekId: WeekId) => Promise<boolean>;
}

const noteBodySchema = z.strictObject({ text: noteTextSchema });

function noteKey(c: Context): { weekId: WeekId; theme: z.infer<typeof themeSchema> } {
  const weekId = c.req.param('weekId') ?? '';
  if (!isWeekId(weekId)) fail(400, 'invalid_week', `"${weekId.slice(0, 20)}" is not an ISO week such as 2026-W48.`);
  const theme = themeSchema.safeParse(c.req.param('theme'));
  if (!theme.success) fail(400, 'invalid_theme', 'The theme must be impact, choice or improvement.');
  return { weekId, theme: theme.data };
}

export function registerNoteRoutes(app: Hono<{ Bindings: Bindings }>, deps: NoteRouteDeps): void {
  const { store } = deps;

  app.put('/v1/teams/:teamId/notes/:weekId/:theme', async (c) => {
    // Shape and size first, then the token: a refusal tells nothing about the team before it.
    const { weekId, theme } = noteKey(c);
    requireJson(c, 'the note');
    const body = await readBody(c, deps.maxBodyBytes);
    const team = await deps.managerTeam(c);
    const parsed = noteBodySchema.safeParse(parseJsonBody(body));
    if (!parsed.success) fail(400, 'invalid_note', `The note is not valid: ${describeIssues(parsed.error)}`);
    if (!(await deps.isReleased(team, weekId))) {
      fail(422, 'week_not_released', `Week ${weekId} is not released yet: write its note once its figures are out.`);
    }
    await store.putNote({ teamId: team.teamId, weekId, theme, text: parsed.data.text });
    return c.json({ weekId, theme, text: parsed.data.text });
  });

  app.delete('/v1/teams/:teamId/notes/:weekId/:theme', async (c) => {
    const { weekId, theme } = noteKey(c);
    const team = await deps.managerTeam(c);
    if (!(await store.deleteNote(team.teamId, weekId, theme))) {
      fail(404, 'no_note', `There is no note for ${theme} in week ${weekId}.`);
    }
    return c.body(null, 204);
  });

  app.get('/v1/teams/:teamId/notes', async (c) => {
    const team = await deps.memberTeam(c);
    return c.json({ notes: await store.teamNotes(team.teamId) });
  });
}
