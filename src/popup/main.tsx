import { render } from 'preact';
import '../ui/styles.css';
import './popup.css';
import { localizeDocument } from '../ui/localize-document';
import { Popup } from './Popup';

localizeDocument('popup_pageTitle');
const root = document.getElementById('app');
if (root) render(<Popup />, root);
