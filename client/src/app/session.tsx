import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { getSession, logout, type SessionUser } from '../api/auth';
import { onUnauthorized } from '../api/http';

/** Why there is no user: never signed in, signed out on purpose, or the server ended the session. */
export type SignedOutReason = 'none' | 'logout' | 'expired';

/** What {@link useSession} returns. */
export interface SessionState {
  /** `loading` until GET /api/auth/session answered; `error` if it could not be asked. */
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  user: SessionUser | null;
  /** No account exists yet: the first admin must be created (`/setup`). */
  setupRequired: boolean;
  signedOutReason: SignedOutReason;
  /** Records a successful sign-in or set-up (the API layer already kept its CSRF token). */
  signedIn: (user: SessionUser) => void;
  /** Ends the session on the server and locally; local state clears even if the call fails. */
  signOut: () => Promise<void>;
  /** Asks the server again (the Retry of a failed start-up). */
  reload: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

interface Snapshot {
  status: SessionState['status'];
  error: unknown;
  user: SessionUser | null;
  setupRequired: boolean;
  signedOutReason: SignedOutReason;
}

const INITIAL: Snapshot = { status: 'loading', error: null, user: null, setupRequired: false, signedOutReason: 'none' };

/**
 * Holds who is signed in. Asks the server once on start; any 401 from any
 * API call afterwards drops the user so the gate sends them to sign in again
 * [UA2]. The cookie itself is HttpOnly: this state is only what the server
 * last told us.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [snapshot, setSnapshot] = useState<Snapshot>(INITIAL);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void generation;
    const controller = new AbortController();
    setSnapshot((s) => ({ ...s, status: 'loading', error: null }));
    getSession(controller.signal).then(
      (info) => {
        if (controller.signal.aborted) return;
        setSnapshot((s) => ({ ...s, status: 'ready', user: info.user, setupRequired: info.setupRequired }));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSnapshot((s) => ({ ...s, status: 'error', error }));
      },
    );
    return () => controller.abort();
  }, [generation]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setSnapshot((s) => (s.user ? { ...s, user: null, signedOutReason: 'expired' } : s)),
      ),
    [],
  );

  const signedIn = useCallback((user: SessionUser) => {
    setSnapshot({ status: 'ready', error: null, user, setupRequired: false, signedOutReason: 'none' });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setSnapshot((s) => ({ ...s, user: null, signedOutReason: 'logout' }));
    }
  }, []);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo<SessionState>(() => ({ ...snapshot, signedIn, signOut, reload }), [snapshot, signedIn, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session state; must be used under SessionProvider. */
export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession() needs a <SessionProvider> above it');
  return ctx;
}

/** The signed-in user, for pages behind the gate (which renders them only with a user). */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser() used outside the signed-in routes');
  return user;
}
