import { render } from 'preact';
import '../ui/styles.css';
import './trends.css';
import { Trends } from './Trends';

const root = document.getElementById('app');
if (root) render(<Trends />, root);
