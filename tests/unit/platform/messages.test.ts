import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER } from '../../../src/core/reminder-settings';
import { dispatch, type Handlers, isTrustedSender, sendMessage } from '../../../src/platform/messages';
import { EXTENSION_ID, EXTENSION_ORIGIN, fakeBrowser } from '../fake-browser';

const noTeam = { team: null, votes: null, problem: null, weeks: [] };
const status = { enabled: true, nextWakeUpAt: 1, reminderAt: 1, badgeOn: false };
const handlers: Handlers = {
  'pulse-changed': async () => status,
  'get-reminder-status': async () => status,
  'save-reminder-settings': async () => {
    throw new Error('storage is full');
  },
  'get-sync-status': async () => noTeam,
  'join-team': async () => noTeam,
  'leave-team': async () => noTeam,
  'set-noise': async () => noTeam,
};
const page = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}src/popup/index.html` };

describe('dispatch', () => {
  it('answers a well-formed message from the extension’s own page', async () => {
    expect(await dispatch(handlers, { type: 'pulse-changed', payload: { weekId: '2026-W48' } }, page)).toEqual({
      ok: true,
      data: status,
    });
  });

  it('refuses other extensions, web pages and content scripts', async () => {
    for (const sender of [
      { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
      { id: EXTENSION_ID, url: 'https://example.com/' },
      { id: EXTENSION_ID },
      {},
    ]) {
      expect(await dispatch(handlers, { type: 'get-reminder-status', payload: {} }, sender)).toMatchObject({
        ok: false,
      });
    }
    expect(isTrustedSender(page, EXTENSION_ID, EXTENSION_ORIGIN)).toBe(true);
  });

  it('refuses unknown names and malformed payloads without calling a handler', async () => {
    expect(await dispatch(handlers, { type: 'drop-tables', payload: {} }, page)).toEqual({
      ok: false,
      error: 'Unknown message.',
    });
    expect(await dispatch(handlers, 'pulse-changed', page)).toMatchObject({ ok: false });
    expect(await dispatch(handlers, { type: 'pulse-changed', payload: { weekId: '2026-W99' } }, page)).toEqual({
      ok: false,
      error: 'Malformed pulse-changed message.',
    });
    expect(
      await dispatch(handlers, { type: 'save-reminder-settings', payload: { ...DEFAULT_REMINDER, weekday: 6 } }, page),
    ).toMatchObject({ ok: false });
  });

  it('turns a handler’s failure into an error reply', async () => {
    expect(await dispatch(handlers, { type: 'save-reminder-settings', payload: DEFAULT_REMINDER }, page)).toEqual({
      ok: false,
      error: 'storage is full',
    });
  });
});

describe('sendMessage', () => {
  it('sends a typed request and parses the reply', async () => {
    fakeBrowser.current.runtime.onMessage.addListener((m, s) => dispatch(handlers, m, s));
    expect(await sendMessage('get-reminder-status', {})).toEqual(status);
    await expect(sendMessage('save-reminder-settings', DEFAULT_REMINDER)).rejects.toThrow('storage is full');
  });

  it('rejects a reply of the wrong shape', async () => {
    fakeBrowser.current.runtime.onMessage.addListener(async () => ({ ok: true, data: { enabled: 'yes' } }));
    await expect(sendMessage('get-reminder-status', {})).rejects.toThrow(
      /background sent an answer this page cannot read \(get-reminder-status\)/,
    );
  });
});
