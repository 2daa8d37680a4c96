/**
 * The trends page's calls to the team's endpoint, with the manager token. Every answer is parsed
 * before use, and every failure is sorted into what the page can say about it: offline, not
 * reachable, the code refused, no such team, or an answer it cannot read.
 */
import type { ManagerAccess } from '../core/invite';
import { type Note, notesResponseSchema } from '../core/notes';
import { type TeamWeeks, teamWeeksSchema } from '../core/team-weeks';
import { t } from '../platform/i18n';

export type Failure =
  | { kind: 'offline' | 'unreachable' | 'refused' | 'unknown-team' | 'bad-answer'; message: string }
  | { kind: 'rejected'; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const TIMEOUT_MS = 20_000;

async function call(access: ManagerAccess, path: string, init: RequestInit = {}): Promise<Result<Response>> {
  const host = new URL(access.endpoint).host;
  if (!navigator.onLine) {
    return { ok: false, failure: { kind: 'offline', message: t('trends_offline') } };
  }
  let response: Response;
  try {
    response = await fetch(`${access.endpoint}/v1/teams/${encodeURIComponent(access.teamId)}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${access.managerToken}` },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { ok: false, failure: { kind: 'unreachable', message: t('trends_unreachable', host) } };
  }
  if (response.ok) return { ok: true, value: response };
  let message = t('trends_httpStatus', host, response.status);
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') message = body.error.message.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.status === 401 || response.status === 403) {
    return { ok: false, failure: { kind: 'refused', message: t('trends_codeRefused', message) } };
  }
  if (response.status === 404) return { ok: false, failure: { kind: 'unknown-team', message } };
  return { ok: false, failure: { kind: 'rejected', message } };
}

async function parsed<T>(
  result: Result<Response>,
  schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } },
): Promise<Result<T>> {
  if (!result.ok) return result;
  try {
    const data = schema.safeParse(await result.value.json());
    if (data.success) return { ok: true, value: data.data };
  } catch {
    // Falls through to the same message.
  }
  return { ok: false, failure: { kind: 'bad-answer', message: t('trends_badAnswer') } };
}

export async function fetchTeamWeeks(access: ManagerAccess): Promise<Result<TeamWeeks>> {
  return parsed(await call(access, '/weeks'), teamWeeksSchema);
}

export async function fetchNotes(access: ManagerAccess): Promise<Result<Note[]>> {
  const result = await parsed(await call(access, '/notes'), notesResponseSchema);
  return result.ok ? { ok: true, value: result.value.notes } : result;
}

export async function saveNote(access: ManagerAccess, note: Note): Promise<Result<true>> {
  const result = await call(access, `/notes/${note.weekId}/${note.theme}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: note.text }),
  });
  return result.ok ? { ok: true, value: true } : result;
}

export async function deleteNote(access: ManagerAccess, note: Pick<Note, 'weekId' | 'theme'>): Promise<Result<true>> {
  const result = await call(access, `/notes/${note.weekId}/${note.theme}`, { method: 'DELETE' });
  return result.ok ? { ok: true, value: true } : result;
}
