import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** How a collaborator appears to others (cursor label and colour). */
export interface LocalUser {
  name: string;
  color: string;
}

/** localStorage key of the display name and colour chosen on this browser. */
export const LOCAL_USER_STORAGE_KEY = 'loopline.user';

// Mid-tone colours that stay readable as white-on-colour cursor labels and as selection tints.
const PALETTE = ['#d9485f', '#e8590c', '#d08700', '#2f9e44', '#0c8599', '#1c7ed6', '#5f3dc4', '#c2255c', '#5c940d', '#9c36b5'];

/** A random colour from the palette; `random` is injectable for deterministic tests. */
export function pickColor(random: () => number = Math.random): string {
  return PALETTE[Math.floor(random() * PALETTE.length) % PALETTE.length] ?? '#1c7ed6';
}

/** Reads the stored user, ignoring anything malformed. */
export function readLocalUser(): LocalUser | null {
  try {
    const raw = globalThis.localStorage?.getItem(LOCAL_USER_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, color } = parsed as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '' || typeof color !== 'string') return null;
    return { name, color };
  } catch {
    return null;
  }
}

/** What {@link useLocalUser} returns. */
export interface LocalUserState {
  /** null until the writer has told us their name. */
  user: LocalUser | null;
  /** Sets (or changes) the display name; the colour is chosen once and kept. */
  setName: (name: string) => void;
}

const LocalUserContext = createContext<LocalUserState | null>(null);

/**
 * Until accounts exist (issue 3), a writer is a display name asked once and a
 * random colour, both kept in localStorage. Issue 3 replaces this provider
 * with the signed-in account; consumers only use `useLocalUser()`.
 */
export function LocalUserProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<LocalUser | null>(readLocalUser);
  const setName = useCallback((name: string) => {
    setUser((prev) => {
      const next = { name: name.trim(), color: prev?.color ?? pickColor() };
      try {
        globalThis.localStorage?.setItem(LOCAL_USER_STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode: the name still applies to this tab.
      }
      return next;
    });
  }, []);
  const value = useMemo(() => ({ user, setName }), [user, setName]);
  return <LocalUserContext.Provider value={value}>{children}</LocalUserContext.Provider>;
}

/** The local writer's identity; must be used under LocalUserProvider. */
export function useLocalUser(): LocalUserState {
  const ctx = useContext(LocalUserContext);
  if (!ctx) throw new Error('useLocalUser() needs a <LocalUserProvider> above it');
  return ctx;
}
