import { render } from 'preact';
import '../ui/styles.css';
import '../ui/page.css';
import './options.css';
import { localizeDocument } from '../ui/localize-document';
import { pageClock } from '../ui/page-clock';
import { Options } from './Options';

localizeDocument('options_pageTitle');
// Read now, so the page's first actions (the history, an export) find the extension's clock settled.
void pageClock.settle();
const root = document.getElementById('app');
if (root) render(<Options />, root);
