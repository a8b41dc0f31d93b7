import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'mahdar:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

/** `pathname + search` of the current page; re-renders on navigation and back/forward. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

type Guard = () => boolean | Promise<boolean>;
const guards = new Set<Guard>();

/**
 * Registers a check run before leaving the current page in the app (links, sign-out): it answers
 * false to stay, e.g. after asking (in the page) about changes the server has not confirmed yet.
 */
export function addNavigationGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

/** True when every registered guard lets the user leave. */
export async function canLeave(): Promise<boolean> {
  // A copy: a guard may be removed (its page left) while another one is being answered.
  for (const guard of Array.from(guards)) if (!(await guard())) return false;
  return true;
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  // Without a guard the page changes at once, as callers that navigate and go on expect.
  if (options.force || guards.size === 0) return go(to, options);
  // Only from the page it was asked on: after Back or another link meanwhile, the answer is moot.
  const from = window.location.href;
  void canLeave().then((yes) => yes && window.location.href === from && go(to, options));
}

function go(to: string, options: { replace?: boolean }): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** An in-app link: a real `<a href>` (opens in a new tab as usual) that navigates without reload. */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}
