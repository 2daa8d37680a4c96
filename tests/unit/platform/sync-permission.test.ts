import { describe, expect, it } from 'vitest';
import { syncPermission } from '../../../src/platform/sync-permission';
import { fakeBrowser } from '../fake-browser';

describe('the permission joining asks for', () => {
  it('is the endpoint’s host alone in Chrome', () => {
    expect(syncPermission('https://pulse.example.org:8443/x')).toEqual({ origins: ['https://pulse.example.org/*'] });
  });

  it('adds consent to the declared data collection in Firefox', () => {
    fakeBrowser.current.runtime.getURL = (path: string) => `moz-extension://some-uuid/${path}`;
    expect(syncPermission('https://pulse.example.org')).toEqual({
      origins: ['https://pulse.example.org/*'],
      data_collection: ['technicalAndInteraction'],
    });
  });
});
