/**
 * The welcome page, opened once when the extension is first installed (not on an update, nor on a
 * browser update): what the pulse is, the privacy promise, where to pin the icon, the reminder.
 */
import { browser, type Runtime } from '../platform/browser';

export const WELCOME_PAGE = 'src/welcome/index.html';

/** Opens the welcome page for a first install; says whether it did. */
export async function welcomeOnInstall(details: Runtime.OnInstalledDetailsType): Promise<boolean> {
  if (details.reason !== 'install') return false;
  try {
    await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
    return true;
  } catch (error) {
    console.error('Culture Pulse: could not open the welcome page.', error);
    return false;
  }
}
