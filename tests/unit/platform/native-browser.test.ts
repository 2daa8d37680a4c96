/** The popup's `browser` (src/platform/native-browser.ts), read from the globals each browser gives. */
import { afterEach, describe, expect, it, vi } from 'vitest';

async function load(globals: { browser?: unknown; chrome?: unknown }) {
  vi.resetModules();
  vi.stubGlobal('browser', globals.browser);
  vi.stubGlobal('chrome', globals.chrome);
  return (await import('../../../src/platform/native-browser')).default;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the popup’s native browser API', () => {
  const firefox = { runtime: { id: 'firefox-extension' } };
  const chrome = { runtime: { id: 'chrome-extension' } };

  it('is Firefox’s own `browser` where there is one', async () => {
    expect(await load({ browser: firefox, chrome })).toBe(firefox);
  });

  it('is `chrome` in Chrome, whose calls answer with promises from 116 (the manifest’s minimum)', async () => {
    expect(await load({ chrome })).toBe(chrome);
    // A page's own `browser` global (an element with id="browser", say) is not the extension's.
    expect(await load({ browser: {}, chrome })).toBe(chrome);
  });

  it('says so when the page runs outside the extension', async () => {
    await expect(load({})).rejects.toThrow('no extension API here');
    await expect(load({ chrome: { runtime: {} } })).rejects.toThrow('no extension API here');
  });
});
