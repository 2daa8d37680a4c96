/**
 * Behind a reverse proxy (the TLS proxy the README asks for), every request's TCP peer is the proxy:
 * the per-address budget of refused requests (address-budget.ts) would then be one budget for
 * everyone, and one client's flood would make the endpoint tell every member to wait. TRUSTED_PROXIES
 * names the proxies; only when the peer is one of them is X-Forwarded-For read, from the right (the
 * end the proxy appended to), skipping the trusted proxies themselves. Anyone else's header is
 * ignored: a client could write any address into it.
 *
 * The address found is used as the peer's was: as a key of the limiter's map, in memory only.
 */
import { BlockList, isIP } from 'node:net';
import type { AddressOf } from './address-budget';
import { socketAddress } from './address-budget';

/** A list as TRUSTED_PROXIES gives it: IP addresses or CIDR ranges, separated by commas. */
export function parseTrustedProxies(text: string): BlockList {
  const list = new BlockList();
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0)
    throw new Error('TRUSTED_PROXIES: name at least one address, e.g. 127.0.0.1 or 10.0.0.0/8.');
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 6 ? 128 : 32;
    const badPrefix = prefix !== undefined && (!/^\d{1,3}$/.test(bits ?? '') || (prefix ?? 0) > max);
    if (family === 0 || extra !== undefined || badPrefix) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8.`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** An address as the list checks it: IPv4 mapped into IPv6 (how a dual-stack socket says it) unwrapped. */
function plain(address: string): { address: string; type: 'ipv4' | 'ipv6' } | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const bare = mapped ?? address.split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 0) return undefined;
  return { address: bare, type: family === 6 ? 'ipv6' : 'ipv4' };
}

const trustedBy = (list: BlockList, address: string) => {
  const p = plain(address);
  return p !== undefined && list.check(p.address, p.type);
};

/**
 * The client's address: the peer's, unless the peer is a trusted proxy; then the rightmost address in
 * X-Forwarded-For that is not a trusted proxy. A header that is missing, or whose entry there is not an
 * address, leaves the peer's: those requests share the proxy's budget rather than take a made-up one.
 */
export function forwardedAddress(trusted: BlockList, peerOf: AddressOf = socketAddress): AddressOf {
  return (c) => {
    const peer = peerOf(c);
    if (peer === undefined || !trustedBy(trusted, peer)) return peer;
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim());
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? '';
      const p = plain(hop);
      if (!p) return peer;
      if (!trustedBy(trusted, hop)) return p.address;
    }
    return peer;
  };
}
