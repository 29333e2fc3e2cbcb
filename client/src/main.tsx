import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppI18n } from './i18n';
import './styles/base.css';
import './styles/ui.css';
import './styles/shell.css';
import './styles/series.css';
import './styles/episodes.css';
import './styles/bible.css';

// Entry point: one i18n instance for the page's lifetime, handed down by context.
const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain #root');
createRoot(container).render(
  <StrictMode>
    <App i18n={createAppI18n()} />
  </StrictMode>,
);
