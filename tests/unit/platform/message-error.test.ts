import { describe, expect, it } from 'vitest';
import { MessageError } from '../../../src/platform/message-error';
import { MessageError as FromMessages, sendMessage } from '../../../src/platform/messages';
import { fakeBrowser } from '../fake-browser';

describe('MessageError', () => {
  it('is the class sendMessage throws, so describe-error recognises it without the message schemas', async () => {
    expect(FromMessages).toBe(MessageError);
    // The background refuses; the page sees a MessageError carrying the background's words.
    fakeBrowser.current.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, error: 'Nope.' }));
    const refused = await sendMessage('get-reminder-status', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MessageError);
    expect(refused).toMatchObject({ name: 'MessageError', message: 'Nope.' });
  });
});
