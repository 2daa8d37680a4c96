import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/server/config';
import type { Bindings } from '../../src/server/http';
import { serveEndpoint } from '../../src/server/serve';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { forwardedAddress, parseTrustedProxies } from '../../src/server/trusted-proxies';

/** A request context as forwardedAddress reads it: its X-Forwarded-For, nothing else. */
const withHeader = (value: string | undefined) =>
  ({ req: { header: (name: string) => (name === 'x-forwarded-for' ? value : undefined) } }) as unknown as Context<{
    Bindings: Bindings;
  }>;

describe('TRUSTED_PROXIES', () => {
  it('reads addresses and CIDR ranges, IPv4 and IPv6, with spaces', () => {
    const list = parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,::1, 2001:db8::/32');
    expect(list.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(list.check('10.200.3.4', 'ipv4')).toBe(true);
    expect(list.check('11.0.0.1', 'ipv4')).toBe(false);
    expect(list.check('::1', 'ipv6')).toBe(true);
    expect(list.check('2001:db8:ffff::9', 'ipv6')).toBe(true);
    expect(list.check('2001:db9::1', 'ipv6')).toBe(false);
  });

  it.each([
    ['', /name at least one address/],
    [' , ', /name at least one address/],
    ['proxy.internal', /"proxy.internal" is not an IP address or a CIDR range/],
    ['10.0.0.0/33', /"10.0.0.0\/33" is not/],
    ['::/129', /"::\/129" is not/],
    ['10.0.0.0/8/1', /"10.0.0.0\/8\/1" is not/],
    ['10.0.0.0/x', /"10.0.0.0\/x" is not/],
    ['256.0.0.1', /"256.0.0.1" is not/],
  ])('refuses %j at startup, naming the setting and the entry', (value, message) => {
    expect(() => configFromEnv({ TRUSTED_PROXIES: value })).toThrow(message);
    expect(() => configFromEnv({ TRUSTED_PROXIES: value })).toThrow(/^Bad server settings:\nTRUSTED_PROXIES: /);
  });

  it('is off unless set', () => {
    expect(configFromEnv({}).trustedProxies).toBeUndefined();
  });
});

describe('forwardedAddress', () => {
  const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');
  const from = (peer: string | undefined) => forwardedAddress(trusted, () => peer);

  it('ignores the header unless the peer is a trusted proxy: anyone can write one', () => {
    expect(from('203.0.113.7')(withHeader('198.51.100.1'))).toBe('203.0.113.7');
    expect(from(undefined)(withHeader('198.51.100.1'))).toBeUndefined();
  });

  it('takes the rightmost address that is not a trusted proxy, whatever a client wrote to its left', () => {
    expect(from('127.0.0.1')(withHeader('198.51.100.1'))).toBe('198.51.100.1');
    expect(from('127.0.0.1')(withHeader('6.6.6.6, 198.51.100.1'))).toBe('198.51.100.1');
    expect(from('127.0.0.1')(withHeader('6.6.6.6, 198.51.100.1, 10.1.2.3'))).toBe('198.51.100.1');
    expect(from('::ffff:127.0.0.1')(withHeader('2001:db8::5'))).toBe('2001:db8::5');
    expect(from('127.0.0.1')(withHeader('::ffff:198.51.100.1'))).toBe('198.51.100.1');
  });

  it("keeps the proxy's own address when the header is missing, damaged, or names only proxies", () => {
    expect(from('127.0.0.1')(withHeader(undefined))).toBe('127.0.0.1');
    expect(from('127.0.0.1')(withHeader(''))).toBe('127.0.0.1');
    expect(from('127.0.0.1')(withHeader('198.51.100.1, not-an-address'))).toBe('127.0.0.1');
    expect(from('127.0.0.1')(withHeader('198.51.100.1:4711'))).toBe('127.0.0.1');
    expect(from('127.0.0.1')(withHeader('10.0.0.1, 10.0.0.2'))).toBe('127.0.0.1');
  });
});

describe('the refused-request budget behind a proxy, over a real socket', () => {
  /** An endpoint on 127.0.0.1 with a budget of 5 refused requests in a burst. */
  async function endpoint(env: Record<string, string>) {
    const store = openSqliteStore(':memory:');
    const running = await serveEndpoint(store, { ...configFromEnv({ REFUSED_PER_MINUTE: '10', ...env }), port: 0 });
    return {
      /** A request with a token no team has, from the client the header names. */
      refused: async (forwardedFor: string) =>
        (
          await fetch(`${running.url}/v1/teams/squad/weeks`, {
            headers: { authorization: 'Bearer nobody-has-this', 'x-forwarded-for': forwardedFor },
          })
        ).status,
      close: async () => {
        await running.close();
        await store.close();
      },
    };
  }

  it('counts each client apart when the proxy is trusted: one flood does not silence the others', async () => {
    const server = await endpoint({ TRUSTED_PROXIES: '127.0.0.1, ::1' });
    try {
      const flood: number[] = [];
      for (let i = 0; i < 8; i++) flood.push(await server.refused('203.0.113.7'));
      expect(flood.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(flood.at(-1)).toBe(429);
      expect(await server.refused('198.51.100.9')).toBe(401);
      // Writing another address to the left of what the proxy appended does not escape the budget.
      expect(await server.refused('198.51.100.9, 203.0.113.7')).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('ignores the header when the peer is not a trusted proxy: a made-up address escapes nothing', async () => {
    const settings: Record<string, string>[] = [{}, { TRUSTED_PROXIES: '10.0.0.0/8' }];
    for (const env of settings) {
      const server = await endpoint(env);
      try {
        const flood: number[] = [];
        for (let i = 0; i < 8; i++) flood.push(await server.refused(`203.0.113.${i}`));
        expect(flood.at(-1)).toBe(429);
        expect(await server.refused('198.51.100.9')).toBe(429);
      } finally {
        await server.close();
      }
    }
  });
});
