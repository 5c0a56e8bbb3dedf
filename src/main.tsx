import { render } from 'preact';
import { App } from './ui/App';
import { startApp } from './ui/start-app';
import './ui/styles.css';

const root = document.getElementById('app');
if (root) {
  render(<App screen={startApp()} />, root);
}
