/**
 * The optional system notification at reminder time. Its only setting is the browser's own
 * permission: asked for ("notifications", an optional permission in the manifest) when the engineer
 * switches it on in Settings, never at install; switched off by giving the permission back.
 */
import { browser } from './browser';

const NOTIFICATIONS = { permissions: ['notifications' as const] };

export function notificationsAllowed(): Promise<boolean> {
  return browser.permissions.contains(NOTIFICATIONS);
}

/** On a click only: browsers refuse a permission prompt without one. True when granted. */
export function allowNotifications(): Promise<boolean> {
  return browser.permissions.request(NOTIFICATIONS);
}

export async function stopNotifications(): Promise<void> {
  await browser.permissions.remove(NOTIFICATIONS);
}
