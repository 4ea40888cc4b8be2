import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/ui.css';
import { TERM_CARD_CSS } from '../../components/term-card-css';
import './style.css';
import { App } from './App';

// The full entry uses the page's card; its styles come as text (shared with the shadow-root card).
const cardStyle = document.createElement('style');
cardStyle.textContent = TERM_CARD_CSS;
document.head.append(cardStyle);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
