import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { request, setBearerToken } from './api/client';
import type { Role } from './api/types';
import { forgetTab, readStored, removeStored, writeStored } from './storage';

/**
 * The signed-in member of staff. The token lives in this tab's sessionStorage (ADR 0021): a reload keeps the agent
 * signed in, and it is never sent by the browser on its own (a header, not a cookie). Its claims are read only to
 * shape the pages; the api checks every request itself.
 */
interface StaffSession {
  token: string;
  username: string;
  role: Role;
  unit: string | null;
  expiresAt: number;
}

const SESSION_KEY = 'cc.staff-session';

function claimsOf(token: string): { username: string; role: Role; unit: string | null } {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(payload), (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  const { username, role, unit } = JSON.parse(json) as { username: string; role: Role; unit: string | null };
  return { username, role, unit };
}

function storedSession(): StaffSession | null {
  const session = readStored<StaffSession>('session', SESSION_KEY);
  return session && session.expiresAt > Date.now() ? session : null;
}

interface SessionContextValue {
  session: StaffSession | null;
  /** True once the api refused the token (expired, revoked): the sign-in page says so. */
  expired: boolean;
  signIn(username: string, password: string): Promise<StaffSession>;
  /** Signs out and forgets everything this tab kept for the member of staff (an unsent form too). */
  signOut(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [session, setSession] = useState<StaffSession | null>(storedSession);
  const [expired, setExpired] = useState(false);
  const value = useMemo<SessionContextValue>(() => {
    // A refused token forgets the session only: the same agent signs in again and finds their unsent form.
    setBearerToken(session?.token ?? null, () => {
      removeStored('session', SESSION_KEY);
      setExpired(true);
      setSession(null);
    });
    return {
      session,
      expired,
      async signIn(username, password) {
        const { body } = await request<{ accessToken: string; expiresIn: number }>('/auth/login', {
          method: 'POST',
          body: { username, password },
          anonymous: true,
        });
        const next: StaffSession = {
          token: body.accessToken,
          ...claimsOf(body.accessToken),
          expiresAt: Date.now() + body.expiresIn * 1000,
        };
        writeStored('session', SESSION_KEY, next);
        setExpired(false);
        setSession(next);
        return next;
      },
      signOut() {
        forgetTab();
        setSession(null);
      },
    };
  }, [session, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The staff page a role starts on. */
export function homeOf(role: Role): string {
  if (role === 'agent') return '/staff/intake';
  if (role === 'unit_staff') return '/staff/cases';
  return '/staff/dashboard';
}

/** A page of this site's staff area to return to after signing in, or null (never another origin, never `..`). */
export function staffPageOf(next: string | undefined): string | null {
  if (!next) return null;
  const url = new URL(next, location.origin);
  return url.origin === location.origin && url.pathname.startsWith('/staff/') ? `${url.pathname}${url.search}` : null;
}

/** Shows its children to signed-in staff of the given roles; others go to the sign-in page (and come back). */
export function StaffOnly({ roles, children }: { roles?: Role[]; children: ComponentChildren }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) {
    queueMicrotask(() => location.route(`/staff/sign-in?next=${encodeURIComponent(location.url)}`, true));
    return null;
  }
  if (roles && !roles.includes(session.role)) {
    queueMicrotask(() => location.route(homeOf(session.role), true));
    return null;
  }
  return <>{children}</>;
}
