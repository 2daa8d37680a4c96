import { describe, expect, it } from 'vitest';
import {
  buildExportFile,
  MAX_IMPORT_BYTES,
  parseExportText,
  planMerge,
  WITHHELD_TOKEN_VALUE,
} from '../../../src/core/export-file';
import { samplePulse } from './samples';

const now = new Date('2026-11-26T12:00:00Z');

describe('export and import files', () => {
  it('round-trips: what is exported parses back to the same records', () => {
    const pulses = [samplePulse('2026-W48', { comment: 'line 1\nline 2 "quoted"' }), samplePulse('2026-W47')];
    const text = JSON.stringify(buildExportFile(pulses, [], now));
    const parsed = parseExportText(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.file.pulses.map((p) => p.weekId)).toEqual(['2026-W47', '2026-W48']);
  });

  it('keeps unreadable records in the export so nothing is lost', () => {
    const file = buildExportFile([], [{ key: '2026-W40', value: { weird: true } }], now);
    expect(file.unreadable).toHaveLength(1);
    expect(parseExportText(JSON.stringify(file)).ok).toBe(true);
  });

  it("withholds an unreadable vote token record's secrets, and keeps an unreadable outbox record whole", () => {
    const secret = 'c2VjcmV0LWludmVyc2UtYnl0ZXM';
    const token = { blindedRequest: 'YmxpbmRlZA', inverse: secret, nonce: 'bm9uY2U' };
    const outbox = { scores: { 'impact-1': 4 } };
    const file = buildExportFile(
      [],
      [
        { store: 'tokens', key: 'squad/2026-W40', value: token, problem: 'weekId: invalid', foundAt: 1 },
        { store: 'outbox', key: 'squad/2026-W40', value: outbox, problem: 'state: invalid', foundAt: 2 },
      ],
      now,
    );
    const text = JSON.stringify(file);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('YmxpbmRlZA');
    expect(file.unreadable).toEqual([
      { store: 'tokens', key: 'squad/2026-W40', value: WITHHELD_TOKEN_VALUE, problem: 'weekId: invalid', foundAt: 1 },
      { store: 'outbox', key: 'squad/2026-W40', value: outbox, problem: 'state: invalid', foundAt: 2 },
    ]);
  });

  it.each([
    ['not JSON', '{"format":', /not valid JSON/],
    ['a foreign JSON file', '{"name":"package","version":"1.0.0"}', /not a Culture Pulse export/],
    ['an array', '[1,2,3]', /not a Culture Pulse export/],
    ['a newer version', '{"format":"culture-pulse-export","version":9,"pulses":[]}', /newer version/],
    [
      'a damaged record',
      JSON.stringify({
        ...buildExportFile([samplePulse('2026-W48')], [], now),
        pulses: [{ ...samplePulse('2026-W48'), answers: { 'impact-customers': 9 } }],
      }),
      /damaged.*\n.*pulses\[0\]\.answers/s,
    ],
    [
      'a duplicated week',
      JSON.stringify(buildExportFile([samplePulse('2026-W48'), samplePulse('2026-W48')], [], now)),
      /2026-W48 twice/,
    ],
  ])('rejects %s with a clear message', (_, text, message) => {
    const parsed = parseExportText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('refuses files over the size limit before parsing them', () => {
    const parsed = parseExportText(' '.repeat(MAX_IMPORT_BYTES + 1));
    expect(parsed).toEqual({
      ok: false,
      problem: 'too-large',
      detail: '',
      message: expect.stringMatching(/too large/),
    });
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(parseExportText(`\uFEFF${JSON.stringify(buildExportFile([], [], now))}`).ok).toBe(true);
  });
});

describe('planMerge', () => {
  it('adds new weeks, replaces older versions and keeps newer local ones', () => {
    const local = [
      samplePulse('2026-W46', { updatedAt: 100 }),
      samplePulse('2026-W47', { updatedAt: 500, comment: 'local newer' }),
      samplePulse('2026-W48', { updatedAt: 100 }),
    ];
    const incoming = [
      samplePulse('2026-W45', { updatedAt: 50 }),
      samplePulse('2026-W47', { updatedAt: 400, comment: 'file older' }),
      samplePulse('2026-W48', { updatedAt: 200, comment: 'file newer' }),
    ];
    const plan = planMerge(local, incoming, now);
    expect(plan).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(plan.writes.map((p) => [p.weekId, p.comment])).toEqual([
      ['2026-W45', ''],
      ['2026-W48', 'file newer'],
    ]);
  });

  it('marks every week it writes as imported, keeping an earlier mark', () => {
    const incoming = [samplePulse('2026-W45'), samplePulse('2026-W46', { importedAt: 7 })];
    expect(planMerge([], incoming, now).writes.map((p) => p.importedAt)).toEqual([now.getTime(), 7]);
  });
});
