// First: the saved code is then being read while the page's other modules run and it first renders.
import './first-load';
import { render } from 'preact';
import '../ui/styles.css';
import '../ui/page.css';
import './trends.css';
import { t } from '../platform/i18n';
import { localizeDocument } from '../ui/localize-document';
import { pageClock } from '../ui/page-clock';
import { Trends } from './Trends';

localizeDocument('trends_pageTitle');
// Week labels name the year only when it is not this one: this year on the extension's clock.
void pageClock.settle();
const root = document.getElementById('app');
if (root) {
  render(
    <>
      <h1>{t('trends_heading')}</h1>
      <Trends />
    </>,
    root,
  );
}
