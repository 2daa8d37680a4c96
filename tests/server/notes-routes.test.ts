/** Notes over real HTTP: managers write released weeks' notes, engineers' ingest token reads them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH } from '../../src/core/notes';
import { INGEST, MANAGER, type Running, startServer } from './harness';

let server: Running;
beforeAll(async () => {
  server = await startServer(); // Thursday of 2026-W48: W46 released, W47 collecting
});
afterAll(async () => {
  await server?.close();
});

function put(path: string, body: unknown, token = MANAGER, type = 'application/json') {
  return fetch(server.url + path, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function code(response: Response): Promise<[number, string]> {
  const body = (await response.json()) as { error: { code: string } };
  return [response.status, body.error.code];
}

describe('team notes', () => {
  const text = 'We moved design reviews into the team.\n<script>alert(1)</script> stays text.';

  it('writes, replaces and lists a note, readable with the ingest token', async () => {
    expect((await put('/v1/teams/platform/notes/2026-W46/choice', { text: 'first' })).status).toBe(200);
    const replaced = await put('/v1/teams/platform/notes/2026-W46/choice', { text });
    expect(await replaced.json()).toEqual({ weekId: '2026-W46', theme: 'choice', text });
    const read = await server.get('/v1/teams/platform/notes', INGEST);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await read.json()).toEqual({ notes: [{ weekId: '2026-W46', theme: 'choice', text }] });
    expect((await server.get('/v1/teams/platform/notes', MANAGER)).status).toBe(200);
  });

  it('refuses what is not a plain, short note on a released week, from a manager', async () => {
    expect(await code(await put('/v1/teams/platform/notes/2026-W47/choice', { text: 'early' }))).toEqual([
      422,
      'week_not_released',
    ]);
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/morale', { text }))).toEqual([400, 'invalid_theme']);
    expect(await code(await put('/v1/teams/platform/notes/2026-W60/choice', { text }))).toEqual([400, 'invalid_week']);
    expect(
      await code(await put('/v1/teams/platform/notes/2026-W46/choice', { text: 'x'.repeat(NOTE_MAX_LENGTH + 1) })),
    ).toEqual([400, 'invalid_note']);
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/choice', { text: '  ' }))).toEqual([
      400,
      'invalid_note',
    ]);
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/choice', { text, html: true }))).toEqual([
      400,
      'invalid_note',
    ]);
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/choice', 'text', MANAGER, 'text/plain'))).toEqual([
      415,
      'unsupported_media_type',
    ]);
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/choice', { text }, INGEST))).toEqual([
      403,
      'ingest_token',
    ]);
    expect(
      await code(await server.get('/v1/teams/platform/notes', 'not-a-token-of-this-team-gggggggggggggggggg')),
    ).toEqual([401, 'unauthorized']);
    // Shape and size are checked before the token, so a refusal for them says nothing about the team.
    expect(await code(await put('/v1/teams/platform/notes/2026-W46/choice', { text: 'x'.repeat(5000) }, ''))).toEqual([
      413,
      'too_large',
    ]);
    expect(await code(await put('/v1/teams/nobody/notes/2026-W46/morale', { text }, ''))).toEqual([
      400,
      'invalid_theme',
    ]);
    expect(await code(await put('/v1/teams/nobody/notes/2026-W46/choice', { text }, MANAGER))).toEqual([
      401,
      'unauthorized',
    ]);
    expect((await (await server.get('/v1/teams/platform/notes', INGEST)).json()) as unknown).toEqual({
      notes: [{ weekId: '2026-W46', theme: 'choice', text }],
    });
  });

  it('deletes a note, and says when there was none', async () => {
    const del = () =>
      fetch(`${server.url}/v1/teams/platform/notes/2026-W46/choice`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${MANAGER}` },
      });
    expect((await del()).status).toBe(204);
    expect(await code(await del())).toEqual([404, 'no_note']);
    expect(await (await server.get('/v1/teams/platform/notes', INGEST)).json()).toEqual({ notes: [] });
  });
});
