import { render } from 'preact';
import '../ui/styles.css';
import '../ui/page.css';
import './welcome.css';
import { localizeDocument } from '../ui/localize-document';
import { Welcome } from './Welcome';

localizeDocument('welcome_pageTitle');
const root = document.getElementById('app');
if (root) render(<Welcome />, root);
