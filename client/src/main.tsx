import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/500.css';
import '@fontsource/ibm-plex-sans-arabic/600.css';
import '@fontsource/ibm-plex-sans-arabic/700.css';
// The minutes themselves: Naskh for Arabic (its Arabic subset only; Latin falls through to Plex).
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import './styles/base.css';
import './styles/app.css';
import './styles/editor.css';
import './styles/minutesBlocks.css';
import './styles/versions.css';
import './styles/pages.css';
import './styles/search.css';
import './styles/annotations.css';
// Last: it narrows what the others set, for phones.
import './styles/phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { SessionProvider } from './app/session.js';
import { ConfirmProvider } from './components/confirm.js';
import { directionOf, I18nProvider, storedLocale } from './i18n/i18n.js';

// Before the first paint: the stored language decides the page direction (no mirrored flash).
const initial = storedLocale();
document.documentElement.lang = initial;
document.documentElement.dir = directionOf(initial);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <ConfirmProvider>
          <App />
        </ConfirmProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
