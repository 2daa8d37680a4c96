import { describe, expect, it } from 'vitest';
import {
  checkEndpoint,
  formatInvite,
  formatManagerCode,
  parseInvite,
  parseManagerCode,
} from '../../../src/core/invite';

const invite = { endpoint: 'https://pulse.example.org', teamId: 'platform', ingestToken: 'A'.repeat(43) };

describe('invites', () => {
  it('round-trips as a code, and inside a link or a pasted sentence', () => {
    const code = formatInvite(invite);
    expect(code).toMatch(/^cpulse1\.[A-Za-z0-9_-]+$/);
    expect(parseInvite(code)).toEqual({ ok: true, invite });
    expect(parseInvite(`Join us: https://pulse.example.org/join#${code}\n`)).toEqual({ ok: true, invite });
  });

  it('carries the team’s name when its admin gave one, and refuses one too long to show', () => {
    const named = { ...invite, personal: true, name: 'Platform team' };
    expect(parseInvite(formatInvite(named))).toEqual({ ok: true, invite: named });
    expect(parseInvite(formatInvite({ ...invite, name: 'x'.repeat(81) }))).toMatchObject({
      ok: false,
      message: /damaged/,
    });
  });

  it('refuses plain http except on localhost, and explains', () => {
    expect(parseInvite(formatInvite({ ...invite, endpoint: 'http://pulse.example.org' }))).toEqual({
      ok: false,
      problem: 'not-https',
      detail: '',
      message: expect.stringMatching(/must use https/),
    });
    expect(checkEndpoint('http://127.0.0.1:8787/')).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(checkEndpoint('http://localhost:8787')).toEqual({ ok: true, url: 'http://localhost:8787' });
    expect(checkEndpoint('ftp://x.org').ok).toBe(false);
    expect(checkEndpoint('https://user:pw@x.org').ok).toBe(false);
    expect(checkEndpoint('not a url')).toMatchObject({ problem: 'not-web-address', detail: 'not a url' });
  });

  it('refuses something that is not an invite, or a damaged one', () => {
    expect(parseInvite('hello')).toMatchObject({ ok: false, message: /not a Culture Pulse invite/ });
    expect(parseInvite('cpulse1.!!!')).toMatchObject({ ok: false, message: /damaged/ });
    expect(parseInvite(`${formatInvite(invite)}\nManager token: xyz`)).toEqual({ ok: true, invite });
    expect(parseInvite(formatInvite({ ...invite, ingestToken: 'short' }))).toMatchObject({
      ok: false,
      message: /damaged/,
    });
  });
});

describe('manager codes', () => {
  const access = { endpoint: 'https://pulse.example.org', teamId: 'platform', managerToken: 'M'.repeat(43) };

  it('round-trip, also inside a pasted message, and are never mistaken for an invite', () => {
    const code = formatManagerCode(access);
    expect(code).toMatch(/^cpulsem1\.[A-Za-z0-9_-]+$/);
    expect(parseManagerCode(`Your code: ${code}\n`)).toEqual({ ok: true, access });
    expect(parseInvite(code)).toMatchObject({ ok: false });
  });

  it('say what is wrong: an engineers’ invite, something else, damage, plain http', () => {
    expect(parseManagerCode(formatInvite(invite))).toMatchObject({ ok: false, message: /engineers’ invite/ });
    expect(parseManagerCode('hello')).toMatchObject({ ok: false, message: /not a Culture Pulse manager code/ });
    expect(parseManagerCode('cpulsem1.!!!')).toMatchObject({ ok: false, message: /damaged/ });
    expect(parseManagerCode(formatManagerCode({ ...access, endpoint: 'http://pulse.example.org' }))).toMatchObject({
      ok: false,
      message: /must use https/,
    });
  });
});
