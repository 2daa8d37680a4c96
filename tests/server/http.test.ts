import { describe, expect, it } from 'vitest';
import { ApiError, parseJsonBody } from '../../src/server/http';

describe('parseJsonBody', () => {
  it('parses JSON, and refuses broken JSON and a "__proto__" key with a 400', () => {
    expect(parseJsonBody('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    for (const [body, code] of [
      ['{"a":', 'invalid_json'],
      ['{"__proto__":{"x":1}}', 'forbidden_key'],
      ['{"a":{"__proto__":1}}', 'forbidden_key'],
    ] as const) {
      try {
        parseJsonBody(body);
        expect.unreachable(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ status: 400, code });
      }
    }
  });
});
