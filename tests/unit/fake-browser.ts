/**
 * An in-memory stand-in for the parts of the WebExtension API the extension uses, so background
 * and platform modules run under vitest. Reset before each test by the setup file.
 */
import type { Runtime } from 'webextension-polyfill';
import { fillMessage, readLocales } from '../../src/dev/locales';

export const EXTENSION_ID = 'culture-pulse-test-id';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

type Listener = (...args: never[]) => unknown;

function event<L extends Listener>(name: string, log: string[]) {
  const listeners = new Set<L>();
  return {
    listeners,
    addListener: (l: L) => {
      log.push(`listen ${name}`);
      listeners.add(l);
    },
    removeListener: (l: L) => listeners.delete(l),
    hasListener: (l: L) => listeners.has(l),
  };
}

interface Alarm {
  name: string;
  scheduledTime: number;
}

/** Every language's messages, read once from src/locales as the build reads them. */
const LOCALES = new Map(readLocales().map((l) => [l.language, l.messages]));

export function createFakeBrowser() {
  const local = new Map<string, unknown>();
  const alarms = new Map<string, Alarm>();
  const badge = { text: '', color: '', title: '' };
  /** Every listener added and every call made, in order: tells whether listeners came first. */
  const log: string[] = [];
  const onMessage = event<(message: unknown, sender: Runtime.MessageSender) => unknown>('runtime.onMessage', log);
  /** Host permissions granted, as match patterns. */
  const origins = new Set<string>();
  /** API permissions granted (the optional "notifications"). */
  const granted = new Set<string>();
  /** Notifications shown, by id, and tabs opened, by address. */
  const notifications = new Map<string, { title: string; message: string }>();
  const tabs: string[] = [];
  /** Windows opened, and whether the toolbar popup can open from here (Firefox may refuse). */
  const windows: { url: string; type: string }[] = [];
  const popup = { opens: true, opened: 0 };
  const onNotificationClicked = event<(id: string) => unknown>('notifications.onClicked', log);
  const self = { installType: 'development' as string };
  /** Dynamic declarativeNetRequest rules, by id, as the browser keeps them. */
  const rules = new Map<number, unknown>();
  /** The browser's UI language; tests switch it to see a translation. */
  const i18nState = { language: 'en' };
  return {
    _state: {
      local,
      alarms,
      badge,
      log,
      origins,
      granted,
      notifications,
      tabs,
      windows,
      popup,
      onNotificationClicked,
      self,
      rules,
      i18n: i18nState,
    },
    i18n: {
      getMessage(key: string, substitutions?: string | string[]) {
        const message = LOCALES.get(i18nState.language)?.[key] ?? LOCALES.get('en')?.[key];
        const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
        return message ? fillMessage(message.message, subs) : '';
      },
      getUILanguage: () => i18nState.language,
    },
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => EXTENSION_ORIGIN + path.replace(/^\//, ''),
      onMessage,
      onInstalled: event('runtime.onInstalled', log),
      onStartup: event('runtime.onStartup', log),
      async sendMessage(message: unknown) {
        const sender: Runtime.MessageSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}src/popup/index.html` };
        for (const l of onMessage.listeners) {
          const reply = l(message, sender);
          if (reply !== undefined) return reply;
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      openOptionsPage: async () => {},
    },
    storage: {
      local: {
        async get(key: string) {
          log.push('storage.local.get');
          return local.has(key) ? { [key]: structuredClone(local.get(key)) } : {};
        },
        async set(items: Record<string, unknown>) {
          for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
        },
        async remove(keys: string | string[]) {
          for (const key of typeof keys === 'string' ? [keys] : keys) local.delete(key);
        },
        async clear() {
          local.clear();
        },
      },
      onChanged: event('storage.onChanged', log),
    },
    permissions: {
      onAdded: event('permissions.onAdded', log),
      onRemoved: event('permissions.onRemoved', log),
      async contains({ origins: wanted = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
        return wanted.every((o) => origins.has(o)) && permissions.every((p) => granted.has(p));
      },
      async request({ origins: wanted = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
        for (const o of wanted) origins.add(o);
        for (const p of permissions) granted.add(p);
        return true;
      },
      async remove({ origins: gone = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
        for (const o of gone) origins.delete(o);
        for (const p of permissions) granted.delete(p);
        return true;
      },
    },
    notifications: {
      async create(id: string, options: { title: string; message: string }) {
        log.push('notifications.create');
        notifications.set(id, { title: options.title, message: options.message });
        return id;
      },
      async clear(id: string) {
        log.push('notifications.clear');
        return notifications.delete(id);
      },
      onClicked: onNotificationClicked,
    },
    windows: {
      async create({ url, type }: { url: string; type: string }) {
        log.push('windows.create');
        windows.push({ url, type });
        return { id: windows.length };
      },
    },
    tabs: {
      async create({ url }: { url: string }) {
        log.push('tabs.create');
        tabs.push(url);
        return { id: tabs.length, url };
      },
    },
    declarativeNetRequest: {
      async getDynamicRules() {
        log.push('declarativeNetRequest.getDynamicRules');
        return [...rules.values()].map((r) => structuredClone(r));
      },
      async updateDynamicRules({
        removeRuleIds = [],
        addRules = [],
      }: {
        removeRuleIds?: number[];
        addRules?: { id: number }[];
      }) {
        log.push('declarativeNetRequest.updateDynamicRules');
        const kept = new Set([...rules.keys()].filter((id) => !removeRuleIds.includes(id)));
        // As the browsers do: an id still in use is an error, and nothing changes.
        for (const rule of addRules) {
          if (kept.has(rule.id)) throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
        }
        for (const id of removeRuleIds) rules.delete(id);
        for (const rule of addRules) rules.set(rule.id, structuredClone(rule));
      },
    },
    management: {
      async getSelf() {
        return { ...self };
      },
    },
    alarms: {
      onAlarm: event('alarms.onAlarm', log),
      async get(name: string) {
        log.push('alarms.get');
        return alarms.get(name);
      },
      async getAll() {
        return [...alarms.values()];
      },
      create(name: string, info: { when: number }) {
        alarms.set(name, { name, scheduledTime: info.when });
      },
      async clear(name: string) {
        return alarms.delete(name);
      },
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.color = color;
      },
      async setTitle({ title }: { title: string }) {
        badge.title = title;
      },
      async openPopup() {
        if (!popup.opens) throw new Error('openPopup requires a user gesture');
        popup.opened++;
      },
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

export const fakeBrowser: { current: FakeBrowser } = { current: createFakeBrowser() };
