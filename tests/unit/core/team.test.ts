import { describe, expect, it } from 'vitest';
import { isSentWeek, membershipFor, membershipSchema, originPattern, teamName } from '../../../src/core/team';

const invite = { endpoint: 'https://pulse.example.org/base', teamId: 'platform', ingestToken: 'k'.repeat(43) };
const now = new Date(2026, 10, 26, 12); // Thursday of 2026-W48

describe('team membership', () => {
  it('starts sending from the week the engineer joined', () => {
    const m = membershipFor(invite, now, null);
    expect(m).toEqual({ ...invite, joinedWeek: '2026-W48', noiseEpsilon: null });
    expect(membershipSchema.safeParse(m).success).toBe(true);
    expect(isSentWeek(m, '2026-W47')).toBe(false);
    expect(isSentWeek(m, '2026-W48')).toBe(true);
    expect(isSentWeek(m, '2027-W01')).toBe(true);
  });

  it('refuses a stored membership that points at plain http, has no token or an unknown noise level', () => {
    const m = membershipFor(invite, now, 3);
    expect(membershipSchema.safeParse({ ...m, endpoint: 'http://pulse.example.org' }).success).toBe(false);
    expect(membershipSchema.safeParse({ ...m, ingestToken: '' }).success).toBe(false);
    expect(membershipSchema.safeParse({ ...m, noiseEpsilon: 1 }).success).toBe(false);
    expect(membershipSchema.safeParse({ ...m, extra: true }).success).toBe(false);
  });

  it('keeps a personal invite as such, and reads a membership kept before personal teams as open', () => {
    const personal = membershipFor({ ...invite, personal: true }, now, null);
    expect(membershipSchema.parse(personal).personal).toBe(true);
    const old = { ...invite, joinedWeek: '2026-W40', noiseEpsilon: null };
    expect(membershipSchema.parse(old).personal).toBeUndefined();
    expect(membershipSchema.safeParse({ ...old, personal: 'yes' }).success).toBe(false);
  });

  it('keeps the team’s name from the invite to show, and shows the id when there is none', () => {
    const named = membershipFor({ ...invite, name: 'Platform team' }, now, null);
    expect(membershipSchema.parse(named).name).toBe('Platform team');
    expect(teamName(named)).toBe('Platform team');
    expect(teamName(membershipFor(invite, now, null))).toBe('platform');
    expect(membershipSchema.safeParse({ ...named, name: '' }).success).toBe(false);
  });

  it('asks for the endpoint’s host on any port and path, and nothing wider', () => {
    expect(originPattern('https://pulse.example.org/base')).toBe('https://pulse.example.org/*');
    expect(originPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
  });
});
