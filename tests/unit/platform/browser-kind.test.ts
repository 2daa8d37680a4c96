import { describe, expect, it } from 'vitest';
import { browserKind } from '../../../src/platform/browser-kind';
import { fakeBrowser } from '../fake-browser';

describe('the browser kind', () => {
  it('is told by the extension’s own address', () => {
    expect(browserKind()).toBe('chromium');
    fakeBrowser.current.runtime.getURL = (path: string) =>
      `moz-extension://0b7c4f3e-1111-4222-8333-944445555666/${path}`;
    expect(browserKind()).toBe('firefox');
  });
});
