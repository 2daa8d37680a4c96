import { describe, expect, it } from 'vitest';
import { parseExportText } from '../../../src/core/export-file';
import { parseInvite, parseManagerCode } from '../../../src/core/invite';
import { WeekClosedError } from '../../../src/core/pulse-edit';
import { describeCodeRefusal, describeError, describeImportRefusal } from '../../../src/platform/describe-error';
import { MessageError } from '../../../src/platform/messages';
import { StorageError } from '../../../src/storage/db';
import { fakeBrowser } from '../fake-browser';

function refusal<T extends { ok: boolean }>(result: T): Extract<T, { ok: false }> {
  if (result.ok) throw new Error('expected a refusal');
  return result as Extract<T, { ok: false }>;
}

describe('describeError', () => {
  it('words our own errors from their data, in the browser’s language', () => {
    expect(describeError(new WeekClosedError('2026-W48'))).toBe(
      'Week 2026-W48 has closed; its answers can no longer change.',
    );
    expect(describeError(new StorageError('open-failed', 'UnknownError'))).toBe(
      'Could not open your saved answers (UnknownError).',
    );
    fakeBrowser.current._state.i18n.language = 'de';
    expect(describeError(new WeekClosedError('2026-W48'))).toBe(
      'Woche 2026-W48 ist abgeschlossen; ihre Antworten lassen sich nicht mehr ändern.',
    );
  });

  it('keeps the background’s words, which it already translated', () => {
    expect(describeError(new MessageError('Culture Pulse was not allowed to reach x.test, so it did not join.'))).toBe(
      'Culture Pulse was not allowed to reach x.test, so it did not join.',
    );
  });

  it('puts anything else inside a sentence, technical words and all', () => {
    expect(describeError(new TypeError('x is undefined'))).toBe('Something unexpected went wrong (x is undefined).');
  });

  it('says the browser has no room, whether a quota or the disk ran out', () => {
    const full = 'The browser has no room left to save this. Free some disk space and try again.';
    expect(describeError(new DOMException('full', 'QuotaExceededError'))).toBe(full);
    // Chromium's IndexedDB on a full disk (as seen in tests/e2e/faults.test.ts).
    const chromium =
      'Connection is closing because of: IO error: .../chrome-extension_x_0.indexeddb.leveldb/000003.log: ' +
      'FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)';
    expect(describeError(new DOMException(chromium, 'UnknownError'))).toBe(full);
    expect(describeError(new DOMException('NS_ERROR_FILE_NO_DEVICE_SPACE', 'UnknownError'))).toBe(full);
    expect(describeError(new DOMException('IO error: corrupted block', 'UnknownError'))).toMatch(
      /^Something unexpected/,
    );
  });
});

describe('refusals from core', () => {
  it('are worded for every kind of pasted code', () => {
    expect(describeCodeRefusal(refusal(parseInvite('hello')))).toBe(
      'This is not a Culture Pulse invite (it should start with “cpulse1.”).',
    );
    expect(describeCodeRefusal(refusal(parseManagerCode('cpulse1.abc')))).toMatch(
      /engineers’ invite, not a manager code/,
    );
    fakeBrowser.current._state.i18n.language = 'de';
    expect(describeCodeRefusal(refusal(parseInvite('cpulse1.!!!')))).toBe(
      'Diese Einladung ist beschädigt: Kopiere sie noch einmal vollständig.',
    );
  });

  it('are worded for every kind of refused import, with the detail', () => {
    expect(describeImportRefusal(refusal(parseExportText('{')))).toMatch(/not valid JSON/);
    const newer = JSON.stringify({ format: 'culture-pulse-export', version: 99, pulses: [] });
    expect(describeImportRefusal(refusal(parseExportText(newer)))).toMatch(/file version 99/);
  });
});
