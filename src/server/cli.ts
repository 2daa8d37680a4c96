/**
 * The admin commands: create a team (printing its invite code and manager code, once), rotate
 * either token, set a team's k, list teams, export every team's trend CSV, and seed a demo team.
 * Tokens are shown only when made; the store keeps hashes.
 */
import { formatInvite, formatManagerCode, TEAM_NAME_MAX } from '../core/invite';
import { DEFAULT_K, MIN_K } from '../core/privacy';
import { TEAM_ID } from '../core/submission';
import { isWeekId, type WeekId } from '../core/week';
import { seedDemo } from './demo';
import type { Store } from './store';
import { hashToken, newToken } from './tokens';
import { trendCsvChunks } from './trends-csv';

/** The demo team's members: about as many as answer its demo weeks. */
const DEMO_INVITES = 12;

export const USAGE = `Usage: npm run server -- <command>
  serve                                   start the endpoint (the default)
  create-team <team-id> [--name "Name"] [--k 5] [--invites N | --open]
                                          create a personal team (one vote per member) with N
                                          personal invites, or an --open one with one shared invite;
                                          prints its manager code
  add-invites <team-id> <n>               n more personal invites, each shown once
  revoke-invite <team-id> <invite-id>     stop an invite getting tokens (the id printed beside it)
  rotate-ingest <team-id>                 new ingest token and invite (devices must rejoin)
  rotate-manager <team-id>                new manager token
  set-k <team-id> <k>                     smallest group shown in weeks not yet released
                                          (at least ${MIN_K}, default ${DEFAULT_K})
  list-teams                              team ids, names and k
  export-csv [--from 2026-W01] [--to 2026-W52]
                                          every team's released weeks as the manager CSV, to stdout
  seed-demo <team-id>                     create a personal team with a year of demo answers, notes
                                          and ${DEMO_INVITES} invites
Settings: PULSE_DB (SQLite file, default culture-pulse.db) or DATABASE_URL (postgres://…),
HOST (default 127.0.0.1), PORT (default 8787), PUBLIC_URL (the address written into invites),
COLLECTION_DAYS (days a week collects after it ends, default 7).`;

export interface CliContext {
  readonly store: Store;
  readonly publicUrl: string;
  readonly out: (line: string) => void;
  /** Raw output (the CSV), streamed: resolves once all is taken, waiting for a slow reader. */
  readonly writeAll?: (chunks: AsyncIterable<string>) => Promise<void>;
  readonly collectionDays?: number;
  readonly now?: () => Date;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value.`);
  args.splice(at, 2);
  return value;
}

function teamIdArg(args: string[]): string {
  const teamId = args[0];
  if (!teamId) throw new UsageError('Name the team id.');
  if (!TEAM_ID.test(teamId))
    throw new UsageError(`"${teamId}" is not a team id: use 3–40 lowercase letters, digits or dashes.`);
  return teamId;
}

function weekOption(args: string[], name: string): WeekId | undefined {
  const value = option(args, name);
  if (value === undefined) return undefined;
  if (!isWeekId(value)) throw new UsageError(`${name} takes an ISO week such as 2026-W48, not "${value}".`);
  return value;
}

function flag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at !== -1) args.splice(at, 1);
  return at !== -1;
}

function countArg(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_INVITES) {
    throw new UsageError(`Say how many invites: a whole number from 1 to ${MAX_INVITES}.`);
  }
  return n;
}

/** An invite's id: the start of its hash, printed beside it so the issuer can revoke it later. */
const INVITE_ID = /^[0-9a-f]{10}$/;
const MAX_INVITES = 500;

/** Make `n` personal invites: each shown once, here, and kept only as a hash. */
/**
 * The team's name for its invites, so a member joining sees "Platform team", not "platform"; left
 * out when longer than an invite may carry (the id is shown instead).
 */
async function inviteName(ctx: CliContext, teamId: string): Promise<{ name?: string }> {
  const name = (await ctx.store.getTeam(teamId))?.name;
  return name && name.length <= TEAM_NAME_MAX ? { name } : {};
}

async function addInvites(ctx: CliContext, teamId: string, n: number): Promise<void> {
  const secrets = Array.from({ length: n }, () => newToken());
  const hashes = secrets.map(hashToken);
  if (!(await ctx.store.addInvites(teamId, hashes))) throw new UsageError(`There is no team "${teamId}".`);
  const { active } = await ctx.store.inviteCounts(teamId);
  ctx.out(`${n} personal invites for "${teamId}" (${active} active in all). Give each to one member; they are`);
  ctx.out('shown only now. The id beside each revokes it (revoke-invite); keep no names with the ids you need not.');
  const named = await inviteName(ctx, teamId);
  for (const [i, secret] of secrets.entries()) {
    const invite = formatInvite({ endpoint: ctx.publicUrl, teamId, ingestToken: secret, personal: true, ...named });
    ctx.out(`  ${(hashes[i] ?? '').slice(0, 10)}  ${invite}`);
  }
}

function kArg(raw: string): number {
  const k = Number(raw);
  if (!Number.isInteger(k) || k < MIN_K || k > 1000) {
    throw new UsageError(`k must be a whole number of at least ${MIN_K} (smaller groups could not hide a person).`);
  }
  return k;
}

async function printInvite(ctx: CliContext, teamId: string, ingestToken: string): Promise<void> {
  const named = await inviteName(ctx, teamId);
  ctx.out(`Invite code for engineers (paste it into Culture Pulse → Settings → Share with my team):`);
  ctx.out(`  ${formatInvite({ endpoint: ctx.publicUrl, teamId, ingestToken, ...named })}`);
}

function printManagerCode(ctx: CliContext, teamId: string, managerToken: string): void {
  ctx.out('Manager code for the trends page (keep it private; it is shown only now):');
  ctx.out(`  ${formatManagerCode({ endpoint: ctx.publicUrl, teamId, managerToken })}`);
  ctx.out(`  (the manager token inside it, for API use: ${managerToken})`);
}

/** Runs one admin command; throws UsageError for a bad command line. */
export async function runAdminCommand(argv: readonly string[], ctx: CliContext): Promise<void> {
  const [command, ...rest] = argv;
  const args = [...rest];
  switch (command) {
    case 'create-team': {
      const name = option(args, '--name');
      const kRaw = option(args, '--k');
      const invitesRaw = option(args, '--invites');
      // Personal unless asked: one vote per member (an open team's one invite lets anyone answer twice).
      const personalFlag = flag(args, '--personal');
      const open = flag(args, '--open');
      if (personalFlag && open) throw new UsageError('A team is either --open or --personal, not both.');
      if (invitesRaw !== undefined && open)
        throw new UsageError('--invites is for a personal team, not an --open one.');
      const personal = !open;
      const teamId = teamIdArg(args);
      const k = kRaw === undefined ? DEFAULT_K : kArg(kRaw);
      const invites = invitesRaw === undefined ? 0 : countArg(invitesRaw);
      // A personal team's ingest token is made and thrown away: nobody can send with it.
      const ingestToken = newToken();
      const managerToken = newToken();
      const created = await ctx.store.createTeam({
        teamId,
        name: name ?? teamId,
        kind: personal ? 'personal' : 'open',
        ingestTokenHash: hashToken(ingestToken),
        managerTokenHash: hashToken(managerToken),
        k,
      });
      if (!created) throw new UsageError(`Team "${teamId}" exists already.`);
      ctx.out(`Created team "${teamId}" (k = ${k}: nothing is shown for fewer than ${k} responses).`);
      if (personal) {
        ctx.out('Each member gets a personal invite; each invite counts one vote a week.');
        if (invites > 0) await addInvites(ctx, teamId, invites);
        else ctx.out(`Make members' invites with: npm run server -- add-invites ${teamId} <how many>`);
      } else {
        ctx.out('An open team: everyone shares one invite, so one person could answer more than once.');
        await printInvite(ctx, teamId, ingestToken);
      }
      printManagerCode(ctx, teamId, managerToken);
      return;
    }
    case 'add-invites': {
      const teamId = teamIdArg(args);
      const team = await ctx.store.getTeam(teamId);
      if (!team) throw new UsageError(`There is no team "${teamId}".`);
      if (team.kind !== 'personal') throw new UsageError(`"${teamId}" is an open team: its members share one invite.`);
      await addInvites(ctx, teamId, countArg(args[1] ?? ''));
      return;
    }
    case 'revoke-invite': {
      const teamId = teamIdArg(args);
      const id = args[1] ?? '';
      if (!INVITE_ID.test(id))
        throw new UsageError('Name the invite by the id printed beside it (10 letters and digits).');
      const revoked = await ctx.store.revokeInvites(teamId, id);
      if (revoked === 0) throw new UsageError(`Team "${teamId}" has no active invite ${id}.`);
      ctx.out(`Revoked invite ${id} of "${teamId}": it gets no token from the next week on.`);
      return;
    }
    case 'rotate-ingest': {
      const teamId = teamIdArg(args);
      const ingestToken = newToken();
      if (!(await ctx.store.updateTeam(teamId, { ingestTokenHash: hashToken(ingestToken) }))) {
        throw new UsageError(`There is no team "${teamId}".`);
      }
      ctx.out(`New ingest token for "${teamId}". The old invite no longer works; engineers join again with:`);
      await printInvite(ctx, teamId, ingestToken);
      return;
    }
    case 'rotate-manager': {
      const teamId = teamIdArg(args);
      const managerToken = newToken();
      if (!(await ctx.store.updateTeam(teamId, { managerTokenHash: hashToken(managerToken) }))) {
        throw new UsageError(`There is no team "${teamId}".`);
      }
      ctx.out(`New manager token for "${teamId}"; the old one no longer works.`);
      printManagerCode(ctx, teamId, managerToken);
      return;
    }
    case 'set-k': {
      const teamId = teamIdArg(args);
      const k = kArg(args[1] ?? '');
      if (!(await ctx.store.updateTeam(teamId, { k }))) throw new UsageError(`There is no team "${teamId}".`);
      ctx.out(
        `Team "${teamId}": weeks released from now on show nothing for fewer than ${k} responses. ` +
          'Weeks already released keep the figures and the k they were released with.',
      );
      return;
    }
    case 'list-teams': {
      const teams = await ctx.store.listTeams();
      if (teams.length === 0) ctx.out('No teams yet. Create one with: npm run server -- create-team <team-id>');
      for (const t of teams) {
        const invites = await ctx.store.inviteCounts(t.teamId);
        const kind =
          t.kind === 'personal' ? `personal, ${invites.active} invites (${invites.revoked} revoked)` : 'open';
        ctx.out(`${t.teamId}\tk=${t.k}\t${kind}\t${t.name}`);
      }
      return;
    }
    case 'export-csv': {
      const from = weekOption(args, '--from');
      const to = weekOption(args, '--to');
      const source = { store: ctx.store, now: ctx.now?.() ?? new Date(), collectionDays: ctx.collectionDays ?? 7 };
      const chunks = trendCsvChunks(source, await ctx.store.listTeams(), { from, to });
      if (ctx.writeAll) await ctx.writeAll(chunks);
      else for await (const chunk of chunks) ctx.out(chunk);
      return;
    }
    case 'seed-demo': {
      const teamId = teamIdArg(args);
      const ingestToken = newToken();
      const managerToken = newToken();
      const created = await ctx.store.createTeam({
        teamId,
        name: 'Demo team',
        kind: 'personal',
        // Made and thrown away: a personal team's members send with their own invites.
        ingestTokenHash: hashToken(ingestToken),
        managerTokenHash: hashToken(managerToken),
        k: DEFAULT_K,
      });
      if (!created) throw new UsageError(`Team "${teamId}" exists already.`);
      const seeded = await seedDemo(ctx.store, { teamId, now: ctx.now?.() });
      ctx.out(`Created demo team "${teamId}": ${seeded.submissions} submissions over ${seeded.weeks} weeks.`);
      await addInvites(ctx, teamId, DEMO_INVITES);
      printManagerCode(ctx, teamId, managerToken);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command.');
  }
}
