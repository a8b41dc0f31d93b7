import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, MeDto } from '../../../shared/api/auth.js';
import { api } from '../api/endpoints.js';
import { ApiError, setUnauthorizedListener } from '../api/http.js';
import { clearLocalCopies, LocalCopyIndex } from '../collab/localCopies.js';
import { useI18n } from '../i18n/i18n.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'setup' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signedIn'; me: MeDto };

export interface Session {
  state: SessionState;
  /** Re-reads `/api/setup` and `/api/me` (after setup, login, accepting an invitation). */
  refresh: () => Promise<void>;
  /** Deletes this user's local copies of minutes (shared computers), then ends the session. */
  signOut: () => Promise<void>;
  /** The session is gone (401 from the API or the collab socket). */
  lost: () => void;
  /** Changes the interface language and, when signed in, saves it as the user's preference. */
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const { needed } = await api.setupStatus();
      if (needed) {
        setState({ status: 'setup' });
        return;
      }
      const me = await api.me();
      setLocale(me.locale);
      setState({ status: 'signedIn', me });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
      if (apiError.status === 401) setState({ status: 'anonymous', expired: false });
      else setState({ status: 'unreachable', error: apiError });
    }
  }, [setLocale]);

  const lost = useCallback(() => {
    setState((prev) => (prev.status === 'signedIn' ? { status: 'anonymous', expired: true } : prev));
  }, []);

  const signOut = useCallback(async () => {
    const userId = state.status === 'signedIn' ? state.me.id : null;
    try {
      // First, and whether or not the server can be reached: minutes must not stay on a shared
      // computer. The caller asked before discarding unsent changes (`signOutDecision`).
      if (userId) await clearLocalCopies(new LocalCopyIndex(userId)).catch(() => undefined);
      await api.logout();
    } finally {
      setState({ status: 'anonymous', expired: false });
    }
  }, [state]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      if (state.status !== 'signedIn') return;
      const me = await api.setLocale(locale);
      setState({ status: 'signedIn', me });
    },
    [setLocale, state.status],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedListener(lost);
    return () => setUnauthorizedListener(null);
  }, [lost]);

  const value = useMemo<Session>(() => ({ state, refresh, signOut, lost, changeLocale }), [state, refresh, signOut, lost, changeLocale]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered behind the sign-in gate. */
export function useMe(): MeDto {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe while not signed in');
  return state.me;
}
