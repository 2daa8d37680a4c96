/**
 * Opened once after installing (background/welcome.ts): what the pulse is, the privacy promise in
 * three lines, where to pin the icon (drawn for the browser it runs in), and the reminder's day and
 * time to check. Settings links here for "Not seeing the badge?".
 */
import { type BrowserKind, browserKind } from '../platform/browser-kind';
import { type MessageKey, t } from '../platform/i18n';
import { ReminderSection } from '../ui/ReminderSection';
import { PinPicture } from './PinPicture';

const PIN_STEPS: Record<BrowserKind, readonly MessageKey[]> = {
  chromium: ['welcome_pinChromium1', 'welcome_pinChromium2'],
  firefox: ['welcome_pinFirefox1', 'welcome_pinFirefox2'],
};

export function Welcome() {
  const kind = browserKind();
  return (
    <>
      <h1>{t('welcome_heading')}</h1>
      <p class="lead">{t('welcome_what')}</p>
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('welcome_privacyHeading')}</h2>
        <ul class="promise">
          <li>{t('welcome_privacy1')}</li>
          <li>{t('welcome_privacy2')}</li>
          <li>{t('welcome_privacy3')}</li>
        </ul>
      </section>
      <section id="pin" aria-labelledby="pin-heading">
        <h2 id="pin-heading">{t('welcome_pinHeading')}</h2>
        <p>{t('welcome_pinWhy')}</p>
        <div class="pin">
          <ol class="pin-steps">
            {PIN_STEPS[kind].map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ol>
          <PinPicture kind={kind} />
        </div>
      </section>
      <ReminderSection intro={t('welcome_reminderIntro')} />
      <p class="done">{t('welcome_done')}</p>
    </>
  );
}
