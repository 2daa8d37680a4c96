import { describe, expect, it } from 'vitest';
import { loadManagerAccess, saveManagerAccess } from '../../../src/platform/manager-settings';
import { fakeBrowser } from '../fake-browser';
import { refusalAt } from '../schema-refusal';

const access = { endpoint: 'https://pulse.example.org', teamId: 'platform', managerToken: 'M'.repeat(43) };

describe('manager access', () => {
  it('is kept once, read back, and forgotten', async () => {
    expect(await loadManagerAccess()).toEqual({ value: null });
    await saveManagerAccess(access);
    expect(await loadManagerAccess()).toEqual({ value: access });
    await saveManagerAccess(null);
    expect(await loadManagerAccess()).toEqual({ value: null });
  });

  it('is not trusted when damaged: nothing is used, and the page can say why', async () => {
    fakeBrowser.current._state.local.set('managerAccess', { ...access, endpoint: 'http://pulse.example.org' });
    const loaded = await loadManagerAccess();
    expect(loaded.value).toBeNull();
    expect(loaded.problem).toMatch(/could not be read/);
    await expect(saveManagerAccess({ ...access, managerToken: 'short' })).rejects.toEqual(
      refusalAt(['managerToken'], 'invalid_format'),
    );
    expect(fakeBrowser.current._state.local.get('managerAccess')).toMatchObject({
      endpoint: 'http://pulse.example.org',
    });
  });
});
