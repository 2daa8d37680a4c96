/**
 * The invite a team hands its engineers: the endpoint, the team id and the ingest token (which can
 * send scores but never read them), as one copyable code "cpulse1.<base64url JSON>" or a link that
 * ends with it. Only https endpoints, except localhost and 127.0.0.1 for development.
 */
import * as z from 'zod/mini';
import { TEAM_ID } from './submission';
import { fromBase64Url, toBase64Url } from './vote-token';

export const INVITE_PREFIX = 'cpulse1.';
/** Ingest tokens as the endpoint's admin CLI makes them. */
export const INGEST_TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export interface Invite {
  readonly endpoint: string;
  readonly teamId: string;
  /** The team's shared ingest token, or (personal) this member's own secret invite. */
  readonly ingestToken: string;
  /** A personal invite: one vote a week, with a blind-signed token (see core/vote-token.ts). */
  readonly personal?: boolean;
  /**
   * The team's name as its admin gave it ("Platform team"), shown when joining and under the
   * statements; never sent. Older invites have none: the team id is shown instead.
   */
  readonly name?: string;
}

/** A team name an invite may carry: short enough to show in one line of the popup. */
export const TEAM_NAME_MAX = 80;

const inviteSchema = z.strictObject({
  e: z.string().check(z.maxLength(2000)),
  t: z.string().check(z.regex(TEAM_ID)),
  k: z.string().check(z.regex(INGEST_TOKEN)),
  p: z.optional(z.literal(1)),
  n: z.optional(z.string().check(z.minLength(1), z.maxLength(TEAM_NAME_MAX))),
});

/**
 * Why a pasted code or address was refused: `problem` for screens to word in the reader's
 * language, `message` in English for logs and the command line.
 */
export type CodeProblem =
  | 'not-web-address'
  | 'not-https'
  | 'address-extras'
  | 'not-invite'
  | 'invite-damaged'
  | 'engineers-invite'
  | 'not-manager-code'
  | 'manager-code-damaged';

export interface CodeRefusal {
  readonly ok: false;
  readonly problem: CodeProblem;
  /** What was refused, where the words need it (the address that is not one). */
  readonly detail: string;
  readonly message: string;
}

function refuse(problem: CodeProblem, message: string, detail = ''): CodeRefusal {
  return { ok: false, problem, detail, message };
}

/** An endpoint's base URL, normalised, or why it cannot be one. */
export function checkEndpoint(raw: string): { ok: true; url: string } | CodeRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not-web-address', `"${raw}" is not a web address.`, raw);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return refuse('not-https', 'The endpoint must use https (plain http is allowed only for localhost).');
  }
  if (url.username || url.password || url.search || url.hash) {
    return refuse('address-extras', 'The endpoint address must not hold a user name, query or fragment.');
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/** A code's JSON as base64url text, and back (undefined when it is not base64url). */
const toCode = (text: string) => toBase64Url(new TextEncoder().encode(text));
const fromCode = (code: string) => {
  const bytes = fromBase64Url(code);
  return bytes && new TextDecoder().decode(bytes);
};

export function formatInvite(invite: Invite): string {
  const fields = {
    e: invite.endpoint,
    t: invite.teamId,
    k: invite.ingestToken,
    ...(invite.personal ? { p: 1 } : {}),
    ...(invite.name ? { n: invite.name } : {}),
  };
  return INVITE_PREFIX + toCode(JSON.stringify(fields));
}

export function parseInvite(text: string): { ok: true; invite: Invite } | CodeRefusal {
  // The code may sit in a link or a pasted message: it runs until the first character not its own.
  const match = /cpulse1\.([A-Za-z0-9_-]*)/.exec(text);
  if (!match) return refuse('not-invite', 'This is not a Culture Pulse invite (it should start with "cpulse1.").');
  const code = match[1] ?? '';
  let json: unknown;
  try {
    json = JSON.parse(fromCode(code) ?? '');
  } catch {
    return refuse('invite-damaged', 'This invite is damaged: copy it again in full.');
  }
  const parsed = inviteSchema.safeParse(json);
  if (!parsed.success) return refuse('invite-damaged', 'This invite is damaged: copy it again in full.');
  const endpoint = checkEndpoint(parsed.data.e);
  if (!endpoint.ok) return endpoint;
  const invite: Invite = {
    endpoint: endpoint.url,
    teamId: parsed.data.t,
    ingestToken: parsed.data.k,
    ...(parsed.data.p === 1 ? { personal: true } : {}),
    ...(parsed.data.n ? { name: parsed.data.n } : {}),
  };
  return { ok: true, invite };
}

/**
 * The manager's code for the trends page: endpoint, team and manager token, as one copyable
 * "cpulsem1.<base64url JSON>". It reads figures, so it is shown once and kept private.
 */
export const MANAGER_CODE_PREFIX = 'cpulsem1.';

export interface ManagerAccess {
  readonly endpoint: string;
  readonly teamId: string;
  readonly managerToken: string;
}

const managerCodeSchema = z.strictObject({
  e: z.string().check(z.maxLength(2000)),
  t: z.string().check(z.regex(TEAM_ID)),
  m: z.string().check(z.regex(INGEST_TOKEN)),
});

export function formatManagerCode(access: ManagerAccess): string {
  return MANAGER_CODE_PREFIX + toCode(JSON.stringify({ e: access.endpoint, t: access.teamId, m: access.managerToken }));
}

export function parseManagerCode(text: string): { ok: true; access: ManagerAccess } | CodeRefusal {
  const match = /cpulsem1\.([A-Za-z0-9_-]*)/.exec(text);
  if (!match) {
    return /cpulse1\./.test(text)
      ? refuse(
          'engineers-invite',
          'This is an engineers’ invite, not a manager code: it can send scores but not read them.',
        )
      : refuse('not-manager-code', 'This is not a Culture Pulse manager code (it should start with "cpulsem1.").');
  }
  let json: unknown;
  try {
    json = JSON.parse(fromCode(match[1] ?? '') ?? '');
  } catch {
    return refuse('manager-code-damaged', 'This manager code is damaged: copy it again in full.');
  }
  const parsed = managerCodeSchema.safeParse(json);
  if (!parsed.success) return refuse('manager-code-damaged', 'This manager code is damaged: copy it again in full.');
  const endpoint = checkEndpoint(parsed.data.e);
  if (!endpoint.ok) return endpoint;
  return { ok: true, access: { endpoint: endpoint.url, teamId: parsed.data.t, managerToken: parsed.data.m } };
}
