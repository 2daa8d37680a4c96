/**
 * The endpoint a browser test's extension talks to, down until `up()` and brought up again on the
 * same port (where the extension last failed to reach it), on the test's shared clock. It records
 * every request it receives: off the socket (exact header lines) and as bodies.
 */
import type { Store } from '../../src/server/store';
import { freePort, type RawRequest, type Running, startServer } from '../server/harness';

export interface EndpointOptions {
  /** A store for each time it comes up (the same file, to keep what it holds); a fresh one otherwise. */
  readonly store?: () => Store;
  /** An answer in the app's place (a failing store's 503), or undefined to let the app answer. */
  readonly answer?: (request: Request) => Response | undefined;
}

export class RecordingEndpoint {
  readonly raw: RawRequest[] = [];
  /** The POST bodies, in order. */
  readonly bodies: string[] = [];
  /** Every other request: method, path and body. */
  readonly others: string[] = [];
  server: Running | undefined;

  private constructor(
    readonly port: number,
    private readonly now: () => Date,
    private readonly options: EndpointOptions,
  ) {}

  /** On a free port of 127.0.0.1, not up yet. */
  static async reserve(now: () => Date, options: EndpointOptions = {}): Promise<RecordingEndpoint> {
    return new RecordingEndpoint(await freePort(), now, options);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<Running> {
    const { store, answer } = this.options;
    this.server = await startServer({
      port: this.port,
      ...(store ? { store: store() } : {}),
      now: this.now,
      raw: (request) => this.raw.push(request),
      tap: (request) => {
        void request.text().then((body) => {
          if (request.method === 'POST') this.bodies.push(body);
          else this.others.push(`${request.method} ${new URL(request.url).pathname} ${body}`);
        });
        return answer?.(request);
      },
    });
    return this.server;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}
