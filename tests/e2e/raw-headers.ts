/** Reading requests captured at the test endpoint's socket (tests/server/harness.ts `raw`). */
import type { RawRequest } from '../server/harness';

/** The request's header lines as name → value, names lower-cased; a name sent twice is an error. */
export function headersOf(request: RawRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = String(request.rawHeaders[i]).toLowerCase();
    if (name in headers) throw new Error(`${request.method} ${request.path} sent ${name} twice`);
    headers[name] = String(request.rawHeaders[i + 1]);
  }
  return headers;
}

/** "POST /v1/…" for each request, in the order they arrived. */
export function linesOf(requests: readonly RawRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}
