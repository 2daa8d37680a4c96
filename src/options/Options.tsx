/** Settings: the reminder, sharing with a team, and the engineer's own answers to export, import or delete. */
import { t } from '../platform/i18n';
import { ReminderSection } from '../ui/ReminderSection';
import { tWith } from '../ui/rich-text';
import { MyDataSection } from './MyDataSection';
import { TeamSection } from './TeamSection';

export function Options() {
  return (
    <>
      <h1>{t('extName')}</h1>
      <p class="muted">{t('options_intro')}</p>
      <p class="small">{tWith('options_managers', <a href="../trends/index.html">{t('options_managersLink')}</a>)}</p>
      <ReminderSection pinHelp="../welcome/index.html#pin" />
      <TeamSection />
      <MyDataSection />
    </>
  );
}
