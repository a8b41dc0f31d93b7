import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import type { Locale } from '../../../shared/api/auth.js';
import { I18nProvider } from '../i18n/i18n.js';

// Tell React that updates are wrapped in act() here.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface DomRoot {
  /** The element rendered into (a new one for each test). */
  readonly container: HTMLElement;
  /** Renders `node` in the interface language, replacing what was rendered before. */
  render(node: ReactNode): void;
}

/**
 * For a test file in happy-dom: a React root in a fresh element for each test, its interface
 * in `locale` (as chosen on this browser), unmounted and removed after it.
 */
export function useDomRoot(locale: Locale): DomRoot {
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    window.localStorage.setItem('mahdar.locale', locale);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    window.localStorage.clear();
  });
  return {
    get container() {
      return container;
    },
    render(node) {
      act(() => root.render(<I18nProvider>{node}</I18nProvider>));
    },
  };
}
