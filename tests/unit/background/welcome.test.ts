import { describe, expect, it } from 'vitest';
import { WELCOME_PAGE, welcomeOnInstall } from '../../../src/background/welcome';
import { EXTENSION_ORIGIN, fakeBrowser } from '../fake-browser';

describe('the welcome page', () => {
  it('opens once, on a first install', async () => {
    expect(await welcomeOnInstall({ reason: 'install', temporary: false })).toBe(true);
    expect(fakeBrowser.current._state.tabs).toEqual([EXTENSION_ORIGIN + WELCOME_PAGE]);
  });

  it('does not open on an update or a browser update', async () => {
    expect(await welcomeOnInstall({ reason: 'update', previousVersion: '0.1.0', temporary: false })).toBe(false);
    expect(await welcomeOnInstall({ reason: 'browser_update', temporary: false })).toBe(false);
    expect(fakeBrowser.current._state.tabs).toEqual([]);
  });
});
