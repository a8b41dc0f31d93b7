import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { isCodeLoadFailure } from '../lib/codeLoadFailure.js';
import { Alert, Button } from './ui.js';

/**
 * What replaces a part of the page that failed to render, instead of the blank page React leaves
 * when nothing catches: says what happened in the interface language and offers a reload, which
 * loads the current build (after an upgrade, the old one's chunks are gone). What a member typed
 * in the minutes is kept in the browser's local copy and sent when the minutes open again.
 */
function Failure({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <div className="page-failure" data-testid="page-failure">
      <Alert>{t(isCodeLoadFailure(error) ? 'error.codeLoad' : 'error.render')}</Alert>
      <Button variant="primary" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </div>
  );
}

/**
 * Catches errors thrown while rendering `children` (a lazily loaded part that did not load
 * among them). Keyed by what it shows (a route, a meeting), it starts over when that changes.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { caught: { error: unknown } | null }> {
  // Boxed: anything can be thrown, `undefined` too, and it still counts as a failure.
  override state = { caught: null as { error: unknown } | null };

  static getDerivedStateFromError(error: unknown) {
    return { caught: { error } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Mahdar: a part of the page failed to render', error, info.componentStack);
  }

  override render() {
    return this.state.caught ? <Failure error={this.state.caught.error} /> : this.props.children;
  }
}
