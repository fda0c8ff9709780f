import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import type { Me, MeBody } from "../../../protocol";
import { ApiError, api } from "./api";
import { claimCache, dropCache } from "./cache/owner";
import { writeProfile } from "./cache/store";
import { earlyProfile, takeEarlyMe } from "./early-start";

type Session = {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  /** Whether the server confirmed `me` in this page (false while it comes from the cache). */
  verified: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<void>;
  logout: (everywhere?: boolean) => Promise<void>;
  /** A room said this session ended (4401): nothing of it stays, then ask who is here now. */
  sessionEnded: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

/**
 * Who is signed in. The cached profile answers first (a revisit renders at once, offline too);
 * `GET /api/me` has the last word: another user switches the cache to them, no session drops
 * it. Every change of identity goes through `adopt`, the one place that keeps the cache
 * belonging to the user on screen.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null | undefined>(undefined);
  const [verified, setVerified] = useState(false);
  const answered = useRef(false);

  const adopt = useCallback((user: Me | null) => {
    answered.current = true;
    setVerified(true);
    setMeState(user);
    if (user) void claimCache(user.id).then(() => writeProfile(user));
    else void dropCache();
  }, []);

  const settle = useCallback(
    async (request: Promise<MeBody>) => {
      try {
        adopt((await request).user);
      } catch (err) {
        // No session: signed out. Unreachable (offline) or failing: keep the cached identity.
        if (err instanceof ApiError && err.status === 401) {
          adopt(null);
          return;
        }
        const cached = await earlyProfile;
        setMeState((m) => (m === undefined ? cached : m));
      }
    },
    [adopt],
  );

  const refresh = useCallback(() => settle(api.me()), [settle]);
  const logout = useCallback(
    async (everywhere = false) => {
      try {
        await api.logout(everywhere);
      } finally {
        // Asked to sign out: this device forgets the user even when the server can't be told.
        await dropCache();
      }
      adopt(null);
    },
    [adopt],
  );
  const sessionEnded = useCallback(async () => {
    await dropCache();
    await refresh();
  }, [refresh]);

  useEffect(() => {
    void earlyProfile.then((cached) => {
      if (cached && !answered.current) setMeState((m) => (m === undefined ? cached : m));
    });
    void settle(takeEarlyMe() ?? api.me());
  }, [settle]);

  return (
    <SessionContext value={{ me, verified, setMe: adopt, refresh, logout, sessionEnded }}>
      {children}
    </SessionContext>
  );
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** Where to go after signing in: a same-site path from ?next=, or the lobby. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}
