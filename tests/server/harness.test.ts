/** The test endpoint's raw capture: header lines as they came off the socket, and their connection. */
import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type RawRequest, type Running, startServer } from './harness';

const seen: RawRequest[] = [];
let server: Running | undefined;
afterAll(() => server?.close());

/** One GET (without a token: refused, which does not matter here) with exactly these header lines, over `agent`. */
function get(url: string, headers: [string, string][], agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/teams/platform/notes`, { agent, headers: Object.fromEntries(headers) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the raw capture', () => {
  it('sees each header line as sent, in order, and which requests shared a connection', async () => {
    server = await startServer({ raw: (r) => seen.push(r) });
    const kept = new Agent({ keepAlive: true, maxSockets: 1 });
    const lines: [string, string][] = [
      ['X-Odd-Case', 'a'],
      ['accept-LANGUAGE', 'de'],
    ];
    await get(server.url, lines, kept);
    await get(server.url, lines, kept);
    const fresh = new Agent({ keepAlive: false });
    await get(server.url, [['Connection', 'close']], fresh);
    kept.destroy();

    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('GET /v1/teams/platform/notes'));
    // Names keep the client's spelling and order (a web Request would have lower-cased and merged them).
    expect(seen[0]?.rawHeaders.slice(0, 4)).toEqual(['X-Odd-Case', 'a', 'accept-LANGUAGE', 'de']);
    expect(seen[0]?.rawHeaders).toContain('Host');
    expect(seen.map((r) => r.connection)).toEqual([1, 1, 2]);
  });
});
