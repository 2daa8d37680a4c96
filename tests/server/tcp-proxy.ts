/**
 * A TCP proxy on loopback between the endpoint and PostgreSQL, so a test can cut the network the
 * ways networks fail: every connection reset and new ones refused, or traffic held (a silent drop:
 * nothing refused, nothing answered), then healed.
 */

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

export type NetworkMode = 'pass' | 'reset' | 'silent';

export interface TcpProxy {
  readonly port: number;
  set(mode: NetworkMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let mode: NetworkMode = 'pass';
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    for (const [from, to] of [pair, [upstream, client] as const]) {
      from.on('data', (chunk) => to.write(chunk));
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        pairs.delete(pair);
      });
    }
    if (mode === 'silent') for (const socket of pair) socket.pause();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    set(next) {
      mode = next;
      for (const pair of pairs) {
        for (const socket of pair) {
          if (next === 'reset') socket.resetAndDestroy();
          // Held, not dropped: TCP keeps what it could not deliver, and delivers it once healed.
          else if (next === 'silent') socket.pause();
          else socket.resume();
        }
      }
    },
    close: async () => {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
