import { render } from 'preact';
import '../ui/styles.css';
import '../ui/page.css';
import './options.css';
import { localizeDocument } from '../ui/localize-document';
import { Options } from './Options';

localizeDocument('options_pageTitle');
const root = document.getElementById('app');
if (root) render(<Options />, root);
