/** The built manifest: least permissions, the exact CSP, and the keys both browsers need. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocales } from '../../src/dev/locales';
import { assertPrerequisites, DIST } from './chromium';

assertPrerequisites();
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));

describe('the built manifest', () => {
  it('asks for storage, alarms and header rules only; host access only as optional, for a team endpoint', () => {
    expect(manifest.manifest_version).toBe(3);
    // declarativeNetRequestWithHostAccess, not declarativeNetRequest: its rules act only where host
    // access was granted (the endpoint), so it adds no install warning in either browser.
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'declarativeNetRequestWithHostAccess']);
    expect(manifest.host_permissions).toBeUndefined();
    // The reminder's system notification is asked for when switched on in Settings, never at install.
    expect(manifest.optional_permissions).toEqual(['notifications']);
    // Requested on the "Allow and join" click, for the one host of the team's endpoint.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('sets the exact content security policy for extension pages', () => {
    expect(manifest.content_security_policy).toEqual({
      extension_pages:
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self' https: http://localhost:* http://127.0.0.1:*; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'",
    });
  });

  it('declares the background for Chrome (service worker) and Firefox (scripts), and a gecko id', () => {
    const worker = manifest.background.service_worker;
    expect(worker).toMatch(/\.js$/);
    expect(manifest.background).toEqual({ service_worker: worker, scripts: [worker], type: 'module' });
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: 'culture-pulse@culture-pulse.dev',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'], optional: ['technicalAndInteraction'] },
    });
  });

  it('points at pages and icons that exist in dist/', () => {
    for (const path of [manifest.action.default_popup, manifest.options_ui.page, ...Object.values(manifest.icons)]) {
      expect(() => readFileSync(join(DIST, String(path)))).not.toThrow();
    }
  });

  it('names itself through the translations, each built in full from src/locales', () => {
    expect(manifest.default_locale).toBe('en');
    for (const field of [manifest.name, manifest.short_name, manifest.description, manifest.action.default_title]) {
      expect(field).toMatch(/^__MSG_\w+__$/);
    }
    for (const locale of readLocales()) {
      const built = JSON.parse(readFileSync(join(DIST, '_locales', locale.language, 'messages.json'), 'utf8'));
      expect(built).toEqual(locale.messages);
      for (const field of [manifest.name, manifest.short_name, manifest.description]) {
        expect(built[String(field).slice(6, -2)]?.message).toBeTruthy();
      }
      // Chrome's limits for the store listing.
      expect(built.extName.message.length).toBeLessThanOrEqual(75);
      expect(built.extShortName.message.length).toBeLessThanOrEqual(12);
      expect(built.extDescription.message.length).toBeLessThanOrEqual(132);
    }
  });
});
